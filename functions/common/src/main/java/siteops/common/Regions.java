package siteops.common;

import java.util.regex.Pattern;

/** What an AWS Region name looks like (ap-northeast-1, us-gov-west-1), for validating events. */
public final class Regions {
    public static final Pattern NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

    private Regions() {}

    public static boolean isName(String value) {
        return value != null && NAME.matcher(value).matches();
    }
}
