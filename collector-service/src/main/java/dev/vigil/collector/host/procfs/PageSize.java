package dev.vigil.collector.host.procfs;

import java.lang.reflect.Field;

/**
 * The kernel's page size, which /proc/net/sockstat counts memory in. Java has no public API for
 * it; the JDK's own Unsafe knows it. 4096 where that is unavailable (x86_64's size; arm64 and
 * ppc64le kernels may use 64 KiB, which Unsafe reports correctly).
 */
final class PageSize {
    private PageSize() {
    }

    static int get() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            return (int) unsafeClass.getMethod("pageSize").invoke(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 4096;
        }
    }
}
