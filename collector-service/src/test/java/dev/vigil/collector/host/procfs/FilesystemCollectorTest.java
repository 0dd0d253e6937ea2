package dev.vigil.collector.host.procfs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilesystemCollectorTest {
    @TempDir
    Path root;

    static Map<String, Double> values(HostMetrics m, String family) {
        return m.family(family).series().stream().collect(Collectors.toMap(s -> String.join(",", s.labels()), HostMetrics.Series::value));
    }

    ProcFs hostMountedAt(Path rootfs) throws IOException {
        // the node's mount table as the collector sees it with hostPID: init's
        Path proc = root.resolve("proc");
        Files.createDirectories(proc.resolve("1"));
        Files.writeString(proc.resolve("1/mounts"), String.join("\n",
                "/dev/vda1 / ext4 rw,relatime 0 0",
                "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0",
                "tmpfs /run tmpfs rw,nosuid,nodev,size=812344k,mode=755 0 0",
                "/dev/vdb1 /mnt/My\\040Data xfs ro,relatime 0 0",
                "overlay /var/lib/docker/overlay2/abc/merged overlay rw 0 0",
                "nfs.example:/export /mnt/nfs nfs4 rw 0 0",
                "/dev/vda1 / ext4 rw,relatime 0 0") + "\n");
        return new ProcFs(proc, root.resolve("sys"), rootfs, 4096);
    }

    @Test
    void hostMountsAreStatedUnderTheRootfsAndLabelledWithTheHostsMountPoints() throws Exception {
        Path rootfs = root.resolve("host");
        Map<String, Statfs> disks = Map.of(
                rootfs.toString(), new Statfs(4096, 1000, 400, 300, 64, 10),
                rootfs.resolve("run").toString(), new Statfs(4096, 10, 10, 10, 5, 5),
                rootfs.resolve("mnt/My Data").toString(), new Statfs(1024, 2048, 0, 0, 100, 0));
        HostMetrics m = new HostMetrics();
        new FilesystemCollector(FilesystemCollector.DEFAULT_MOUNT_POINTS_EXCLUDE, FilesystemCollector.DEFAULT_FS_TYPES_EXCLUDE, path -> {
            Statfs s = disks.get(path);
            if (s == null) {
                throw new IOException("statfs " + path + " failed, errno 13");
            }
            return s;
        }, Duration.ofSeconds(5)).collect(hostMountedAt(rootfs), m);
        String slash = "device,/dev/vda1,fstype,ext4,mountpoint,/";
        String data = "device,/dev/vdb1,fstype,xfs,mountpoint,/mnt/My Data";
        String run = "device,tmpfs,fstype,tmpfs,mountpoint,/run";
        String nfs = "device,nfs.example:/export,fstype,nfs4,mountpoint,/mnt/nfs";
        assertEquals(Map.of(slash, 4_096_000.0, run, 40_960.0, data, 2_097_152.0), values(m, "node_filesystem_size_bytes"));
        assertEquals(1_228_800.0, values(m, "node_filesystem_avail_bytes").get(slash));
        assertEquals(1_638_400.0, values(m, "node_filesystem_free_bytes").get(slash));
        assertEquals(10.0, values(m, "node_filesystem_files_free").get(slash));
        assertEquals(Map.of(slash, 0.0, run, 0.0, data, 1.0, nfs, 0.0), values(m, "node_filesystem_readonly"));
        // the failing one is reported, not dropped, and has no sizes
        assertEquals(Map.of(slash, 0.0, run, 0.0, data, 0.0, nfs, 1.0), values(m, "node_filesystem_device_error"));
    }

    @Test
    void aHangingMountIsGivenUpOnAndSkippedUntilItAnswers() throws Exception {
        Path rootfs = root.resolve("host");
        CountDownLatch nfsAnswers = new CountDownLatch(1);
        Statfs.Reader reader = path -> {
            if (path.endsWith("nfs")) {
                try {
                    nfsAnswers.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            return new Statfs(4096, 1, 1, 1, 1, 1);
        };
        FilesystemCollector c = new FilesystemCollector(FilesystemCollector.DEFAULT_MOUNT_POINTS_EXCLUDE,
                FilesystemCollector.DEFAULT_FS_TYPES_EXCLUDE, reader, Duration.ofMillis(200));
        ProcFs fs = hostMountedAt(rootfs);
        HostMetrics first = new HostMetrics();
        c.collect(fs, first);
        assertEquals(1.0, values(first, "node_filesystem_device_error").get("device,nfs.example:/export,fstype,nfs4,mountpoint,/mnt/nfs"));
        HostMetrics second = new HostMetrics();
        c.collect(fs, second);
        assertFalse(values(second, "node_filesystem_device_error").keySet().stream().anyMatch(k -> k.endsWith("/mnt/nfs")),
                "a stuck mount is not asked again while its call hangs");
        nfsAnswers.countDown();
        for (int i = 0; i < 50; i++) {
            HostMetrics again = new HostMetrics();
            c.collect(fs, again);
            if (values(again, "node_filesystem_size_bytes").keySet().stream().anyMatch(k -> k.endsWith("/mnt/nfs"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the NFS mount never came back");
    }

    @Test
    void theRealStatfsAnswersForThisMachinesRoot() throws Exception {
        Statfs s = Statfs.read("/");
        assertTrue(s.blocks() > 0 && s.blockSize() > 0 && s.available() <= s.free() && s.free() <= s.blocks(), s.toString());
    }
}
