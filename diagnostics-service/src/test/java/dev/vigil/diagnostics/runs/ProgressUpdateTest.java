package dev.vigil.diagnostics.runs;

import dev.vigil.model.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sonobuoy's rules for combining a plugin's progress updates, and how its status prints them. */
class ProgressUpdateTest {

    private static ProgressUpdate read(String json) throws Exception {
        return Json.MAPPER.readValue(json, ProgressUpdate.class);
    }

    @Test
    void anAbsoluteUpdateReplacesTheLastOne() throws Exception {
        ProgressUpdate last = read("{\"total\":10,\"completed\":3,\"failures\":[\"a\"]}");
        ProgressUpdate next = read("{\"total\":12,\"completed\":5,\"msg\":\"m\"}");
        assertEquals(next, ProgressUpdate.combine(last, next));
    }

    @Test
    void anAppendingUpdateAddsToAnAbsoluteOneAndToItsTotalOnlyWhenAskedTo() throws Exception {
        ProgressUpdate last = read("{\"total\":10,\"completed\":3,\"failures\":[\"a\"],\"errors\":[\"e\"]}");
        ProgressUpdate plain = ProgressUpdate.combine(last, read("{\"appendcompleted\":2,\"appendfailing\":[\"b\"],\"msg\":\"m\"}"));
        assertEquals(List.of(10L, 5L, List.of("a", "b"), List.of("e"), "m"), List.of(plain.total(), plain.completed(), plain.failures(),
                plain.errors(), plain.msg()));
        ProgressUpdate totals = ProgressUpdate.combine(last, read("{\"appendcompleted\":2,\"appendfailing\":[\"b\"],\"appendtotals\":true}"));
        assertEquals(13L, totals.total());
    }

    @Test
    void twoAppendingUpdatesMergeIntoOneAppendingUpdate() throws Exception {
        ProgressUpdate merged = ProgressUpdate.combine(read("{\"appendcompleted\":2,\"appendfailing\":[\"a\"]}"),
                read("{\"appendcompleted\":1,\"appendfailing\":[\"b\"],\"appendtotals\":true}"));
        assertEquals(List.of(3L, List.of("a", "b"), true), List.of(merged.appendCompleted(), merged.appendFailing(), merged.appendTotals()));
        assertEquals("{\"total\":0,\"completed\":0,\"appendtotals\":true,\"appendcompleted\":3,\"appendfailing\":[\"a\",\"b\"]}", Json.MAPPER.writeValueAsString(merged));
    }

    @Test
    void summaryIsSonobuoysStatusLineAndLeavesRemainingOutWhenTheTotalIsUnknown() throws Exception {
        assertEquals("Passed:  3, Failed:  1, Remaining:  6", read("{\"total\":10,\"completed\":3,\"failures\":[\"a\"]}").summary());
        assertEquals("Passed: 12, Failed:  0", read("{\"completed\":12}").summary());
    }
}
