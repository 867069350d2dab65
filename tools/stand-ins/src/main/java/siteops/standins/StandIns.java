package siteops.standins;

import java.net.URI;

/**
 * The local stand-ins for the services moto does not emulate, in one JVM, for bin/local and bin/demo: GitHub,
 * PagerDuty, and the maintenance-window history in front of moto's SSM. Prints one line of JSON with their URLs
 * on stdout; logs each request on stderr. Runs until killed.
 *
 * <pre>StandIns &lt;moto_server url&gt; &lt;github token&gt; &lt;github repository&gt;</pre>
 */
public final class StandIns {
    private StandIns() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: StandIns <moto_server url> <github token> <github repository>");
            System.exit(2);
        }
        FakeGitHub github = new FakeGitHub(0, args[1], args[2]);
        github.logRequestsTo("fake-github: ");
        FakePagerDuty pagerDuty = new FakePagerDuty(0);
        pagerDuty.logRequestsTo("fake-pagerduty: ");
        FakeSsmMaintenanceWindows ssm = new FakeSsmMaintenanceWindows(URI.create(args[0]));
        ssm.logRequestsTo("fake-ssm: ");
        System.out.println("{\"github\": \"" + github.apiUrl() + "\", \"pagerduty\": \"" + pagerDuty.eventsUrl()
                + "\", \"ssm\": \"" + ssm.endpoint() + "\"}");
        System.out.flush();
    }
}
