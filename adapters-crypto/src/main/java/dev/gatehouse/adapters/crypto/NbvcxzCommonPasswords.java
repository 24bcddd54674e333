package dev.gatehouse.adapters.crypto;

import dev.gatehouse.application.port.out.CommonPasswordList;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The 100,000 most common passwords as shipped in nbvcxz 1.5.1 ({@code dictionaries/passwords.txt}, 100,002
 * lines), kept as a sorted array of 64-bit hashes of each entry's lower-case form (ADR 0016): about 770 KB, one
 * binary search per look-up, nothing read from disk or network after start-up.
 *
 * <p>A hash standing for a string allows a false match with probability about n / 2<sup>64</sup> (5 in
 * 10<sup>15</sup> for a random password): harmless, since a false match only asks the user for another password.
 */
public final class NbvcxzCommonPasswords implements CommonPasswordList {
    static final String RESOURCE = "/dictionaries/passwords.txt";

    private final long[] sortedHashes;
    private final int sourceEntries;

    private NbvcxzCommonPasswords(long[] sortedHashes, int sourceEntries) {
        this.sortedHashes = sortedHashes;
        this.sourceEntries = sourceEntries;
    }

    /** Reads the list from nbvcxz's jar on the class path. */
    public static NbvcxzCommonPasswords load() {
        try (InputStream in = NbvcxzCommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the common-password list " + RESOURCE + " is not on the class path"
                        + " (it comes with me.gosimple:nbvcxz)");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the common-password list", e);
        }
    }

    static NbvcxzCommonPasswords read(InputStream in) throws IOException {
        long[] hashes = new long[128 * 1024];
        int count = 0;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String entry = line.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, hashes.length * 2);
            }
            hashes[count++] = hash(entry);
        }
        long[] sorted = Arrays.copyOf(hashes, count);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[distinct - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return new NbvcxzCommonPasswords(Arrays.copyOf(sorted, distinct), count);
    }

    @Override
    public boolean contains(String password) {
        return password != null && Arrays.binarySearch(sortedHashes, hash(password)) >= 0;
    }

    /** Entries in the source list, as read (differently cased spellings of one password count separately). */
    @Override
    public int size() {
        return sourceEntries;
    }

    /** Distinct lower-case forms, i.e. hashes kept. */
    int distinctForms() {
        return sortedHashes.length;
    }

    /** 64-bit FNV-1a over the UTF-8 bytes of the lower-case form, then a SplitMix64 finaliser to spread the bits. */
    static long hash(String password) {
        byte[] bytes = password.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }
}
