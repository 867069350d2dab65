package siteops.sites;

import java.util.List;
import java.util.Map;

/**
 * What one kind of site is made of: its own settings (beyond {@link SiteSettings#SHARED}), the hand-written
 * module {@code infra/modules/<id>-site} the generated root calls, and the files and outputs it adds. Adding a
 * template is one class implementing this plus its module, listed in {@link #ALL}.
 */
sealed interface SiteTemplate permits MovableTypeTemplate, ArchiveTemplate {

    SiteTemplate MOVABLETYPE = new MovableTypeTemplate();
    SiteTemplate ARCHIVE = new ArchiveTemplate();

    /** The first is assumed while validating a file whose template is missing or unknown. */
    List<SiteTemplate> ALL = List.of(MOVABLETYPE, ARCHIVE);

    /** A provider the template's module needs besides aws. */
    record Provider(String name, String source, String version) {}

    /** An output of the generated root, passing on {@code module.site.<name>}. */
    record Output(String name, String description) {}

    /** A generated file the template's module reads, passed as a module argument in the group {@code group}'s paragraph. */
    record FileArgument(String group, String variable, String file) {}

    /** Its value of {@code template:} in a site file. */
    String id();

    /** One sentence for the schema and the README. */
    String description();

    /** Its own settings; they are refused in a site of any other template. */
    List<Setting<?>> settings();

    /** The problem shown for another template's setting in a site of this one. */
    default String othersUnused() {
        return "not used by template " + id();
    }

    default String module() {
        return id() + "-site";
    }

    default List<Provider> providers() {
        return List.of();
    }

    default List<FileArgument> fileArguments() {
        return List.of();
    }

    /** Files generated beside main.tf, by file name. */
    default Map<String, String> files(Site site) {
        return Map.of();
    }

    List<Output> outputs();

    /** Its part of the root's README.md: resources in the diagram, backups, alarms, manual steps. */
    SiteReadme.TemplatePart readme(Site site);

    /** The AWS quotas its module uses up per site, beyond {@link FleetQuotas#sharedNeeds(Site)}. */
    List<ServiceQuota.Need> quotaNeeds(Site site);

    static List<String> ids() {
        return ALL.stream().map(SiteTemplate::id).toList();
    }
}
