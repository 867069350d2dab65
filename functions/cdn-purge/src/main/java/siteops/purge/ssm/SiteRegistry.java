package siteops.purge.ssm;

import java.util.ArrayList;
import java.util.List;
import siteops.common.Log;
import siteops.purge.PurgeRequestException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** The registered sites: one SSM String parameter per site under a prefix. Only registered sites can be purged. */
public final class SiteRegistry {
    private final SsmClient ssm;
    private final String prefix;

    public SiteRegistry(SsmClient ssm, String prefix) {
        this.ssm = ssm;
        this.prefix = prefix;
    }

    /** One harmless read, so SnapStart's snapshot holds the SDK's loaded request pipeline. */
    public void primeRequestPath() {
        try {
            ssm.getParameter(r -> r.name(prefix + "snapstart-priming"));
        } catch (SsmException expected) {
            Log.debug("priming call answered as expected", "code", expected.awsErrorDetails() == null ? "" : expected.awsErrorDetails().errorCode());
        }
    }

    public SiteRegistration lookup(String site) {
        String name = prefix + site;
        try {
            String value = ssm.getParameter(r -> r.name(name)).parameter().value();
            return SiteRegistration.parse(site, name, value);
        } catch (ParameterNotFoundException e) {
            List<String> known = registeredSites();
            throw new PurgeRequestException("unknown site '" + site + "': it has no registry entry " + name + ". "
                    + (known.isEmpty() ? "No site is registered yet (the site's Terraform registers it)."
                                       : "Registered sites: " + String.join(", ", known) + "."));
        }
    }

    /** Names of the registered sites, for a helpful error; empty when they cannot be listed. */
    List<String> registeredSites() {
        List<String> names = new ArrayList<>();
        try {
            for (GetParametersByPathResponse page : ssm.getParametersByPathPaginator(r -> r.path(prefix).recursive(false))) {
                page.parameters().forEach(p -> names.add(p.name().substring(prefix.length())));
                if (names.size() >= 50) {
                    break;
                }
            }
        } catch (SsmException e) {
            Log.warn("cannot list registered sites", "prefix", prefix, "reason", e.getMessage());
        }
        return names.stream().sorted().limit(50).toList();
    }
}
