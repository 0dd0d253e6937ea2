package dev.vigil.collector.host.procfs;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The libc calls the node collectors make where Linux offers no file to read (JNA comes with
 * OSHI); loaded on first use, so a Windows collector never touches it.
 */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    /** adjtimex(2), read-only with modes 0. */
    int adjtimex(Timex.Native64Timex buf);

    /** statfs(2). */
    int statfs(String path, Statfs.Native64Statfs buf);

    /** uname(2) into Linux's struct utsname: six NUL-terminated fields of 65 bytes. */
    int uname(byte[] utsname);
}
