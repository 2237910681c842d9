package dev.kl4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The identity of a data set's files, for a checkpoint's settings: each file's name, size and CRC-32C of
 * its bytes, so that resuming a run on other data (another folder with other files, or the same names
 * with other content) is refused while a copy of the same files elsewhere is accepted.
 */
public final class FileIdentity {
    private FileIdentity() {
    }

    /**
     * {@return {@code name:size:crc32c} for each file, joined by {@code ","}}
     *
     * @param files the data files, in a fixed order
     * @throws IOException when a file cannot be read
     */
    public static String of(List<Path> files) throws IOException {
        List<String> parts = new ArrayList<>(files.size());
        byte[] buffer = new byte[1 << 16];
        for (Path f : files) {
            CRC32C crc = new CRC32C();
            long size = 0;
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    crc.update(buffer, 0, n);
                    size += n;
                }
            }
            parts.add(f.getFileName() + ":" + size + ":" + String.format(Locale.ROOT, "%08x", crc.getValue()));
        }
        return String.join(",", parts);
    }
}
