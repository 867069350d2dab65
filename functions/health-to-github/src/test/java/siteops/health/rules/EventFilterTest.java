package siteops.health.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.health.Messages;
import siteops.health.event.HealthEvent;
import siteops.health.event.HealthEventTest;

/**
 * Which AWS Health events become GitHub issues: the sample is an EC2 operational issue in account 123456789012.
 * Each filter (as the template parameters pass it) lets wanted events through and names why it skipped the others.
 */
class EventFilterTest {
    private static final HealthEvent EC2_ISSUE = HealthEvent.parse(HealthEventTest.sample("issue-open.json"));

    @ParameterizedTest(name = "categories={0} services={1} codes={2} accounts={3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''                           | ''         | ''                                | ''
            issue                        | ''         | ''                                | ''
            'scheduledChange, Issue'     | ''         | ''                                | ''
            ''                           | ec2        | ''                                | ''
            ''                           | 'RDS, EC2' | ''                                | ''
            ''                           | ''         | AWS_EC2_OPERATIONAL_ISSUE         | ''
            ''                           | ''         | aws_ec2_*                         | ''
            ''                           | ''         | '*_OPERATIONAL_*'                 | ''
            ''                           | ''         | 'AWS_RDS_*, *_ISSUE'              | ''
            ''                           | ''         | '*'                               | ''
            ''                           | ''         | ''                                | '111111111111, 123456789012'
            ' , '                        | ' '        | ' ,'                              | ' '
            """)
    void letsTheEventsItListsThrough(String categories, String services, String codes, String accounts) {
        assertEquals(Optional.empty(), EventFilter.of(categories, services, codes, accounts).rejection(EC2_ISSUE));
        assertEquals(Optional.empty(), EventFilter.of(null, null, null, null).rejection(EC2_ISSUE));
    }

    @ParameterizedTest(name = "{4}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            scheduledChange | ''  | ''                   | ''           | category issue is not in EVENT_TYPE_CATEGORIES
            ''              | RDS | ''                   | ''           | service EC2 is not in SERVICES
            ''              | ''  | AWS_EC2_OPERATIONAL  | ''           | event type AWS_EC2_OPERATIONAL_ISSUE matches none of EVENT_TYPE_CODES
            ''              | ''  | 'AWS_RDS_*, *_MAINT' | ''           | event type AWS_EC2_OPERATIONAL_ISSUE matches none of EVENT_TYPE_CODES
            ''              | ''  | 'X*AWS_EC2_*'        | ''           | event type AWS_EC2_OPERATIONAL_ISSUE matches none of EVENT_TYPE_CODES
            ''              | ''  | 'AWS_EC2.*'          | ''           | event type AWS_EC2_OPERATIONAL_ISSUE matches none of EVENT_TYPE_CODES
            ''              | ''  | ''                   | 111111111111 | account 123456789012 is not in ACCOUNTS
            """)
    void skipsOtherEventsAndSaysWhy(String categories, String services, String codes, String accounts, String reason) {
        assertEquals(reason, skipReason(EventFilter.of(categories, services, codes, accounts)));
    }

    @Test
    void theFirstFilterThatSkipsTheEventIsTheReasonGiven() {
        EventFilter all = EventFilter.of("scheduledChange", "RDS", "AWS_RDS_*", "111111111111");
        assertEquals(Optional.of(new EventFilter.Rejection(EventFilter.Filter.CATEGORY, "issue")), all.rejection(EC2_ISSUE));
        assertEquals("category issue is not in EVENT_TYPE_CATEGORIES", skipReason(all));
        assertEquals("service EC2 is not in SERVICES", skipReason(EventFilter.of("issue", "RDS", "AWS_RDS_*", "111111111111")));
        assertEquals("account 123456789012 is not in ACCOUNTS", skipReason(EventFilter.of("issue", "EC2", "AWS_EC2_*", "111111111111")));
    }

    /** The rejection as the result and the log word it. */
    private static String skipReason(EventFilter filter) {
        return Messages.skipReason(filter.rejection(EC2_ISSUE).orElseThrow());
    }
}
