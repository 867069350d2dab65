package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Movable Type server keeps its site (web root and database) on a data volume of its own, read from the
 * generated roots and cloud-configs (parsed, not grepped): sized from the site file, encrypted, beside the
 * server, attached without ever replacing it, and mounted before anything of the site starts.
 */
class DataVolumeTest {

    private static final String MOUNT_SCRIPT = "/usr/local/sbin/siteops-mount-data";
    private static final String SETUP_SCRIPT = "/usr/local/sbin/siteops-setup-movabletype";

    private static final Map<Site, TerraformTree> SITES = new LinkedHashMap<>();

    @BeforeAll
    static void readTheMovableTypeSites() {
        SiteFiles.Loaded loaded = SiteFiles.load(SiteFiles.expand(List.of(Repository.SITES)), Repository.ROOT);
        assertEquals(List.of(), loaded.problems());
        loaded.sites().stream().filter(site -> site.template() == SiteTemplate.MOVABLETYPE)
                .forEach(site -> SITES.put(site, TerraformTree.of(Repository.GENERATED.resolve(site.name()))));
        assertFalse(SITES.isEmpty());
    }

    private static TerraformTree.Instance only(TerraformTree tree, String type) {
        List<TerraformTree.Instance> instances = tree.instances(type);
        assertEquals(1, instances.size(), type + ": " + instances.stream().map(TerraformTree.Instance::where).toList());
        return instances.getFirst();
    }

    private static String text(TerraformTree.Instance instance, String attribute) {
        return instance.attribute(attribute).map(TerraformTree::text).orElse("");
    }

    private static String argument(TerraformTree tree, String name) {
        HclParser.Attribute attribute = tree.root().blocks("module", "site").getFirst().attributes().get(name);
        return attribute == null ? "" : TerraformTree.text(attribute.expression());
    }

    @Test
    void theDataVolumeIsAnEncryptedGp3VolumeSizedFromTheSiteFile() {
        Set<Integer> sizes = new TreeSet<>();
        for (Map.Entry<Site, TerraformTree> entry : SITES.entrySet()) {
            TerraformTree.Instance volume = only(entry.getValue(), "aws_ebs_volume");
            assertEquals("gp3", volume.literal("type").orElse(""), volume.where());
            assertEquals("true", volume.literal("encrypted").orElse(""), volume.where());
            assertEquals("var.data_volume_size_gb", text(volume, "size"), volume.where());
            int size = entry.getKey().get(MovableTypeTemplate.DATA_VOLUME_GB);
            assertEquals(String.valueOf(size), argument(entry.getValue(), "data_volume_size_gb"), entry.getKey().name());
            sizes.add(size);
            // Tagged like the rest (the providers' default tags carry siteops:site), and named.
            assertTrue(text(volume, "tags").contains("Name="), volume.where());
            // Destroying it (retiring the site, a change forcing a new volume) snapshots the data first.
            assertEquals("true", volume.literal("final_snapshot").orElse(""), volume.where());
        }
        assertTrue(sizes.contains(MovableTypeTemplate.DATA_VOLUME_GB.defaultValue()), "a sample site takes the default size: " + sizes);
        assertTrue(sizes.size() > 1, "a sample site sets a size of its own: " + sizes);
        HclParser.Block variable = SITES.values().iterator().next().module("movabletype-site").orElseThrow().blocks("variable", "data_volume_size_gb").getFirst();
        assertEquals(String.valueOf(MovableTypeTemplate.DATA_VOLUME_GB.defaultValue()), TerraformTree.text(variable.attributes().get("default").expression()),
                "the module's default is the site model's");
    }

    @Test
    void theVolumeIsInTheServersAvailabilityZone() {
        for (TerraformTree tree : SITES.values()) {
            String zone = text(only(tree, "aws_ebs_volume"), "availability_zone");
            String subnet = text(only(tree, "aws_instance"), "subnet_id");
            assertTrue(zone.endsWith(".availability_zone") && subnet.endsWith(".id"), zone + " / " + subnet);
            assertEquals(subnet.substring(0, subnet.length() - ".id".length()), zone.substring(0, zone.length() - ".availability_zone".length()),
                    "the volume is created in the zone of the server's subnet");
        }
    }

    @Test
    void theAttachmentJoinsVolumeAndServerWithoutEverReplacingTheServer() {
        for (TerraformTree tree : SITES.values()) {
            TerraformTree.Instance server = only(tree, "aws_instance");
            TerraformTree.Instance attachment = only(tree, "aws_volume_attachment");
            assertEquals("aws_ebs_volume.data.id", text(attachment, "volume_id"), attachment.where());
            assertEquals("aws_instance.cms.id", text(attachment, "instance_id"), attachment.where());
            // Detaching a mounted file system would lose writes.
            assertEquals("true", attachment.literal("stop_instance_before_detaching").orElse(""), attachment.where());
            assertFalse(text(attachment, "force_detach").equals("true"), attachment.where());
            // An ebs_block_device of the instance would replace the server on every change of the volume; the
            // server names its volume only in a tag, which changes in place.
            assertEquals(List.of(), server.block().blocks("ebs_block_device"), server.where());
            Set<String> naming = server.block().attributes().values().stream()
                    .filter(attribute -> HclParser.references(attribute.expression(), Set.of()).stream()
                            .anyMatch(reference -> reference.parts().getFirst().equals("aws_ebs_volume")))
                    .map(HclParser.Attribute::name).collect(Collectors.toSet());
            assertEquals(Set.of("tags"), naming, server.where());
            assertTrue(text(server, "tags").contains("SiteopsDataVolume=aws_ebs_volume.data.id"), text(server, "tags"));
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void cloudInitMountsTheVolumeBeforeAnythingOfTheSiteStarts() {
        for (Site site : SITES.keySet()) {
            GeneratedCloudConfig config = GeneratedCloudConfig.of(site.name());
            GeneratedCloudConfig.WrittenFile mount = config.writtenFile(MOUNT_SCRIPT);
            assertTrue(mount.isScript(), MOUNT_SCRIPT);
            // It finds the volume the instance tag names (compute.tf), by its NVMe serial.
            assertTrue(mount.content().contains("meta-data/tags/instance/SiteopsDataVolume"), mount.content());
            assertTrue(mount.content().contains("/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_"), mount.content());

            List<Object> runcmd = (List<Object>) config.document().get("runcmd");
            assertEquals(List.of(MOUNT_SCRIPT), runcmd.getFirst(), site.name() + ": the first command mounts the data volume");
            // Every service the first boot starts (runcmd, and MariaDB in the setup script) is held to the mount
            // by the drop-ins the mount script writes, so a later boot without the volume starts none of them.
            Set<String> started = new TreeSet<>();
            Matcher start = Pattern.compile("systemctl,? (?:enable,? --now|start),? (\\w+)").matcher(
                    runcmd.stream().map(String::valueOf).collect(Collectors.joining("\n")) + "\n" + config.writtenFile(SETUP_SCRIPT).content());
            while (start.find()) {
                started.add(start.group(1));
            }
            assertEquals(Set.of("mariadb", "movabletype", "nginx"), started, site.name());
            Matcher held = Pattern.compile("(?m)^site_services=\\(([\\w ]+)\\)$").matcher(mount.content());
            assertTrue(held.find(), mount.content());
            assertEquals(started, Set.of(held.group(1).split(" ")), site.name() + ": services held to /var/www");
            assertTrue(mount.content().contains("\"RequiresMountsFor=$www\" \"AssertPathIsMountPoint=$www\""), mount.content());
            // Nothing runs cloud-init's own disk modules: they cannot wait for a volume attached after boot.
            assertFalse(config.document().containsKey("mounts") || config.document().containsKey("fs_setup"), site.name());
            assertTrue(config.writtenFile(SETUP_SCRIPT).content().contains("mountpoint -q /var/www ||"), "the setup refuses the root volume");
        }
    }
}
