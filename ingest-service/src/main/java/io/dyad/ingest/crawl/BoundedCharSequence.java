package io.dyad.ingest.crawl;

/**
 * A CharSequence that gives up after a deadline: an operator's regular expression with catastrophic backtracking
 * (e.g. {@code (a+)+$}) reads characters over and over, so checking the clock in {@link #charAt} bounds the match.
 */
final class BoundedCharSequence implements CharSequence {

    /** Thrown out of a match that ran past its deadline. */
    static final class MatchTimeoutException extends RuntimeException {
        MatchTimeoutException() {
            super("regular expression took too long", null, false, false);
        }
    }

    private final CharSequence inner;
    private final long deadlineNanos;
    private int reads;

    BoundedCharSequence(CharSequence inner, long deadlineNanos) {
        this.inner = inner;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & 0xFFF) == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new MatchTimeoutException();
        }
        return inner.charAt(index);
    }

    @Override
    public int length() {
        return inner.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedCharSequence(inner.subSequence(start, end), deadlineNanos);
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
