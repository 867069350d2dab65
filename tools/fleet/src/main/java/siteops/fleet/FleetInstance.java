package siteops.fleet;

/** A running instance and the site tags it carries ({@code -} when a tag is missing). */
public record FleetInstance(String instanceId, String site, String env) {}
