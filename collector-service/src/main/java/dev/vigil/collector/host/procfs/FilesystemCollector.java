package dev.vigil.collector.host.procfs;

import com.google.re2j.Pattern;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * node_exporter's filesystem: size, free space and inodes of each mount of the host, from the
 * host's mount table ({@code <procfs>/1/mounts}: with hostPID that is the node's init) and
 * statfs under {@code --path.rootfs} (where the host's root is mounted in the container), labelled
 * with the host's mount point. A mount whose statfs hangs (a dead NFS server) is given up on after
 * the mount timeout and skipped until that call returns, so it cannot stall the other series.
 */
final class FilesystemCollector implements NodeCollector {
    /** node_exporter's default --collector.filesystem.mount-points-exclude. */
    static final String DEFAULT_MOUNT_POINTS_EXCLUDE =
            "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";
    /** node_exporter's default --collector.filesystem.fs-types-exclude. */
    static final String DEFAULT_FS_TYPES_EXCLUDE = "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs"
            + "|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|erofs|sysfs|tracefs)$";

    private record Mount(String device, String mountpoint, String fstype, boolean readOnly) {
    }

    private final Pattern mountPointsExclude;
    private final Pattern fsTypesExclude;
    private final Statfs.Reader statfs;
    private final Duration mountTimeout;
    private final Set<String> stuck = ConcurrentHashMap.newKeySet();
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "statfs");
        t.setDaemon(true);
        return t;
    });

    FilesystemCollector(String mountPointsExclude, String fsTypesExclude, Statfs.Reader statfs, Duration mountTimeout) {
        this.mountPointsExclude = Pattern.compile(mountPointsExclude);
        this.fsTypesExclude = Pattern.compile(fsTypesExclude);
        this.statfs = statfs;
        this.mountTimeout = mountTimeout;
    }

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        List<String> lines = Files.exists(fs.proc("1/mounts")) ? fs.procLines("1/mounts") : fs.procLines("mounts");
        Set<String> seen = new HashSet<>();
        for (Mount m : mounts(lines)) {
            if (mountPointsExclude.matcher(m.mountpoint()).find() || fsTypesExclude.matcher(m.fstype()).find()
                    || !seen.add(m.device() + " " + m.mountpoint()) || stuck.contains(m.mountpoint())) {
                continue;
            }
            String[] l = {"device", m.device(), "fstype", m.fstype(), "mountpoint", m.mountpoint()};
            Statfs s = stat(fs, m.mountpoint());
            out.gauge("node_filesystem_device_error", "Whether an error occurred while getting statistics for the given device.",
                    s == null ? 1 : 0, l);
            out.gauge("node_filesystem_readonly", "Filesystem read-only status.", m.readOnly() ? 1 : 0, l);
            if (s == null) {
                continue;
            }
            out.gauge("node_filesystem_size_bytes", "Filesystem size in bytes.", (double) s.blocks() * s.blockSize(), l);
            out.gauge("node_filesystem_free_bytes", "Filesystem free space in bytes.", (double) s.free() * s.blockSize(), l);
            out.gauge("node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.",
                    (double) s.available() * s.blockSize(), l);
            out.gauge("node_filesystem_files", "Filesystem total file nodes.", s.files(), l);
            out.gauge("node_filesystem_files_free", "Filesystem total free file nodes.", s.filesFree(), l);
        }
    }

    private Statfs stat(ProcFs fs, String mountpoint) {
        String path = fs.root().resolve(mountpoint.substring(1)).toString();
        Future<Statfs> call = calls.submit(() -> statfs.read(path));
        try {
            return call.get(mountTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stuck.add(mountpoint);
            calls.submit(() -> {
                try {
                    call.get();
                } catch (InterruptedException | ExecutionException ignored) {
                    // it returned (or failed): the mount may be read again
                } finally {
                    stuck.remove(mountpoint);
                }
            });
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    /** /proc/mounts lines; octal escapes (\040 for a space) decoded as the kernel wrote them. */
    private static List<Mount> mounts(List<String> lines) {
        List<Mount> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = Fields.of(line);
            if (f.length < 4) {
                continue;
            }
            out.add(new Mount(unescape(f[0]), unescape(f[1]), f[2], List.of(f[3].split(",")).contains("ro")));
        }
        return out;
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
