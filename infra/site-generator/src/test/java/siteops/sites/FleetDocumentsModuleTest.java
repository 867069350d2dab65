package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * infra/modules/fleet-documents (bin/fleet's Run Command documents, created once per account and Region) is called
 * by no generated root yet, so the root check does not reach it: the same offline provider-schema check runs on
 * it here. Its documents' content is checked in tools/fleet (FleetDocumentsTest).
 */
class FleetDocumentsModuleTest {
    @Test
    void everyArgumentAndReferenceIsKnownToTheProvider() {
        TerraformCheck check = new TerraformCheck(ProviderSchema.load(), Set.of());
        check.check(Repository.MODULES.resolve("fleet-documents"));
        assertEquals(List.of(), check.problems());
    }
}
