package dev.vigil.model;

import dev.vigil.model.tenant.Tenants;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantsTest {
    @Test
    void tenantIdsFollowMimirsRules() {
        assertEquals("fake", Tenants.of(null));
        assertEquals("fake", Tenants.of(""));
        assertEquals("team-a_1.(x)*'!", Tenants.of("team-a_1.(x)*'!"));
        assertEquals("tenant ID 'a|b' contains unsupported character '|'",
                assertThrows(IllegalArgumentException.class, () -> Tenants.of("a|b")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tenants.of(".."));
        assertThrows(IllegalArgumentException.class, () -> Tenants.of("a/b"));
        assertThrows(IllegalArgumentException.class, () -> Tenants.of("x".repeat(151)));
        assertEquals(150, Tenants.of("x".repeat(150)).length());
    }

    @Test
    void theDefaultTenantIsTheAbsentLabel() {
        Labels l = Labels.of("__name__", "up", "job", "x");
        assertSame(l, Tenants.stamp(l, "fake"));
        assertEquals("fake", Tenants.owner(l));
        Labels b = Tenants.stamp(l, "b");
        assertEquals("b", b.get("__tenant__"));
        assertEquals("b", Tenants.owner(b));
        assertEquals(l, Tenants.strip(b));
        // a sender's own __tenant__ is replaced, whichever tenant writes
        assertEquals(l, Tenants.stamp(Labels.of("__name__", "up", "job", "x", "__tenant__", "b"), "fake"));
        assertTrue(Tenants.matcher("fake").matches(""));
        assertEquals(List.of(LabelMatcher.equal("job", "x"), LabelMatcher.equal("__tenant__", "a")),
                Tenants.scope(List.of(LabelMatcher.equal("job", "x")), "a"));
    }
}
