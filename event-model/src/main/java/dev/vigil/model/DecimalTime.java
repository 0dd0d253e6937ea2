package dev.vigil.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalLong;

/**
 * A time or duration written as decimal seconds ("1700000000.5", "1.7e9") read into a whole count
 * of milliseconds or nanoseconds, without unbounded arithmetic: the decimal exponent is checked
 * before anything is scaled, so "1e200000000" is refused at once instead of expanding ten to the
 * two-hundred-millionth power (which pins a core for minutes).
 */
public final class DecimalTime {
    /** More integer digits than any long count of nanoseconds of a sane time has. */
    private static final int MAX_INTEGER_DIGITS = 20;
    /** Below 10^-30 s every unit used here rounds to zero. */
    private static final int MIN_INTEGER_DIGITS = -30;

    private DecimalTime() {
    }

    /**
     * {@code seconds} as a count of 10<sup>-digits</sup> s, rounded half to even.
     *
     * @return empty when {@code seconds} is not a decimal number at all (the caller may try another format)
     * @throws ArithmeticException when it is a number out of the long range of that unit
     */
    public static OptionalLong parse(String seconds, int digits) {
        BigDecimal d;
        try {
            d = new BigDecimal(seconds);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        long integerDigits = (long) d.precision() - d.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw new ArithmeticException(seconds + " is out of range");
        }
        if (integerDigits < MIN_INTEGER_DIGITS) {
            return OptionalLong.of(0);
        }
        return OptionalLong.of(d.movePointRight(digits).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
    }
}
