package dev.vigil.collector.host.procfs;

import com.sun.jna.Native;
import com.sun.jna.Structure;

import java.io.IOException;
import java.util.List;

/** statfs(2) through libc: what node_exporter's filesystem collector reads for each mount. */
record Statfs(long blockSize, long blocks, long free, long available, long files, long filesFree) {

    interface Reader {
        Statfs read(String path) throws IOException;
    }

    static Statfs read(String path) throws IOException {
        Native64Statfs s = new Native64Statfs();
        int rc;
        try {
            rc = LibC.INSTANCE.statfs(path, s);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IOException("statfs " + path + ": " + e.getMessage(), e);
        }
        if (rc != 0) {
            throw new IOException("statfs " + path + " failed, errno " + Native.getLastError());
        }
        return new Statfs(s.f_bsize, s.f_blocks, s.f_bfree, s.f_bavail, s.f_files, s.f_ffree);
    }

    /** struct statfs of 64-bit Linux (amd64 and arm64): every word is 64 bits, fsid two ints. */
    public static final class Native64Statfs extends Structure {
        public long f_type;
        public long f_bsize;
        public long f_blocks;
        public long f_bfree;
        public long f_bavail;
        public long f_files;
        public long f_ffree;
        public int[] f_fsid = new int[2];
        public long f_namelen;
        public long f_frsize;
        public long f_flags;
        public long[] f_spare = new long[4];

        @Override
        protected List<String> getFieldOrder() {
            return List.of("f_type", "f_bsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree", "f_fsid", "f_namelen",
                    "f_frsize", "f_flags", "f_spare");
        }
    }
}
