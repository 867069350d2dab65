package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Values from sites.yaml reach Terraform as the same text: nothing in them is read as HCL syntax or a template. */
class HclBodyTest {
    @Test
    void templateSequencesQuotesAndLineBreaksStayLiteral() {
        assertEquals("\"$${name} costs 5$ or 10%, %%{if x}\"", HclBody.quote("${name} costs 5$ or 10%, %{if x}"));
        assertEquals("\"say \\\"hi\\\"\\nC:\\\\www\"", HclBody.quote("say \"hi\"\nC:\\www"));
        assertEquals("\"ends with $\"", HclBody.quote("ends with $"));
        assertEquals("[\"a\", \"$${b}\"]", HclBody.list(List.of("a", "${b}")));
    }

    @Test
    void consecutiveAttributesAreAlignedLikeTerraformFmtDoes() {
        assertEquals("a         = 1\nlong_name = \"x\"\n", new HclBody().attribute("a", "1").string("long_name", "x").render());
        // An object ends its run: what follows is aligned on its own.
        assertEquals("tags = {\n  k = \"v\"\n}\nb = 1\n", new HclBody().object("tags", o -> o.string("k", "v")).attribute("b", "1").render());
    }
}
