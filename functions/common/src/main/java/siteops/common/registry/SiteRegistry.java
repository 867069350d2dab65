package siteops.common.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import siteops.common.BadInputException;
import siteops.common.ConfigurationException;
import siteops.common.Environment;
import siteops.common.Log;
import siteops.common.Messages;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * The registered sites: one SSM String parameter per site under a prefix, written by each site's Terraform.
 * Only registered sites can be purged; the purge and purge-status functions read the same entries through this.
 */
public final class SiteRegistry {
    /** Site names as the registry and the site generator use them. */
    public static final Pattern SITE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern PREFIX = Pattern.compile("/([A-Za-z0-9_.-]+/)*");

    private final SsmClient ssm;
    private final String prefix;
    private final Function<String, ? extends BadInputException> refusal;

    /** @param refusal makes the calling function's own bad-input error for an unknown site or a broken entry */
    public SiteRegistry(SsmClient ssm, String prefix, Function<String, ? extends BadInputException> refusal) {
        this.ssm = ssm;
        this.prefix = prefix;
        this.refusal = refusal;
    }

    /** The registry's SSM path from SITES_PARAMETER_PREFIX (default /siteops/sites/), checked at init. */
    public static String parameterPrefix(Environment env) {
        String prefix = env.optional("SITES_PARAMETER_PREFIX", "/siteops/sites/");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new ConfigurationException(Messages.notAParameterPath("SITES_PARAMETER_PREFIX", prefix));
        }
        return prefix;
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
            return SiteRegistration.parse(site, name, value, refusal);
        } catch (ParameterNotFoundException e) {
            throw refusal.apply(Messages.unknownSite(site, name, registeredSites()));
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
