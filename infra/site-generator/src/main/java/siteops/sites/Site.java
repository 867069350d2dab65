package siteops.sites;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One validated site file: its template and the value of each of the template's settings (the default where
 * the file gives none), by setting path. Settings of other templates are absent.
 */
public record Site(String name, String sourceFile, SiteTemplate template, Map<String, Object> values) {

    /** The setting's value; null only for an optional setting without default that the file leaves out. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (!values.containsKey(setting.path())) {
            throw new IllegalArgumentException(setting.path() + " is not a setting of template " + template.id());
        }
        return (T) values.get(setting.path());
    }

    public <T> Optional<T> optional(Setting<T> setting) {
        return Optional.ofNullable(get(setting));
    }

    public String domain() {
        return get(SiteSettings.DOMAIN);
    }

    public String region() {
        return get(SiteSettings.REGION);
    }

    /** Every hostname the distribution answers to, main domain first. */
    public List<String> hostnames() {
        List<String> all = new ArrayList<>();
        all.add(domain());
        all.addAll(get(SiteSettings.ALIASES));
        return all;
    }
}
