package io.dyad.ingest.fetch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read through it and fails with {@link BodyTooLargeException} once they pass a limit. */
final class LimitedInputStream extends FilterInputStream {

    /** The body grew beyond the limit; {@code decompressed} says which side of the gzip layer counted it. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit, boolean decompressed) {
            super("the " + (decompressed ? "decompressed " : "") + "response body is larger than the limit of "
                    + limit + " bytes");
        }
    }

    private final long limit;
    private final boolean decompressed;
    private long count;

    LimitedInputStream(InputStream in, long limit, boolean decompressed) {
        super(in);
        this.limit = limit;
        this.decompressed = decompressed;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) throws IOException {
        count += n;
        if (count > limit) {
            throw new BodyTooLargeException(limit, decompressed);
        }
    }
}
