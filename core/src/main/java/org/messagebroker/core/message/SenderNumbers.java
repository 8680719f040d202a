package org.messagebroker.core.message;

/** Display rules for sender numbers: logs and listings never show a full number. */
public final class SenderNumbers {

    private SenderNumbers() {
    }

    /** Message Broker 1.0's masking rule (seed-spec §8.3), applied to the real number: {@code +491****0000}. */
    public static String mask(String number) {
        if (number.length() <= 8) {
            return number.substring(0, Math.min(3, number.length())) + "****"
                    + number.substring(Math.max(0, number.length() - 2));
        }
        return number.substring(0, 4) + "****" + number.substring(number.length() - 4);
    }
}
