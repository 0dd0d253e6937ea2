package dev.vigil.logs.query;

import dev.vigil.logql.Direction;
import dev.vigil.logql.storage.EntryIterator;
import dev.vigil.logql.storage.LinePredicate;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.tenant.Tenants;

import java.util.List;

/**
 * One tenant's view of the log streams: selects are narrowed to the tenant's streams by the
 * {@code __tenant__} matcher and answered without that label, so LogQL sees and returns streams
 * as the tenant pushed them; an entry read puts the label back to find the stored stream.
 */
public final class TenantLogSource implements LogSource {
    private final LogSource all;
    private final String tenant;

    public TenantLogSource(LogSource all, String tenant) {
        this.all = all;
        this.tenant = tenant;
    }

    @Override
    public List<Labels> streams(List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        return all.streams(Tenants.scope(matchers, tenant), fromNanos, toNanos).stream().map(Tenants::strip).toList();
    }

    @Override
    public EntryIterator entries(Labels stream, long fromNanos, long toNanos, Direction direction, LinePredicate filter) {
        return all.entries(Tenants.stamp(stream, tenant), fromNanos, toNanos, direction, filter);
    }
}
