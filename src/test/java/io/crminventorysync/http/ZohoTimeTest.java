package io.crminventorysync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ZohoTimeTest {

    @Test
    void readsCrmOffsetsWithColon() {
        assertThat(ZohoTime.parse("2023-10-15T10:30:00+05:30")).isEqualTo(Instant.parse("2023-10-15T05:00:00Z"));
    }

    @Test
    void readsInventoryOffsetsWithoutColon() {
        assertThat(ZohoTime.parse("2013-08-05T12:06:10+0530")).isEqualTo(Instant.parse("2013-08-05T06:36:10Z"));
    }

    @Test
    void readsBareDatesAsMidnightUtcAndBlankAsNull() {
        assertThat(ZohoTime.parse("2013-08-05")).isEqualTo(Instant.parse("2013-08-05T00:00:00Z"));
        assertThat(ZohoTime.parse((Object) null)).isNull();
        assertThat(ZohoTime.parse(" ")).isNull();
        assertThatThrownBy(() -> ZohoTime.parse("yesterday")).hasMessageContaining("yesterday");
    }

    @Test
    void writesEachApisFormat() {
        Instant t = Instant.parse("2019-07-25T09:56:49Z");
        assertThat(ZohoTime.formatCrm(t, ZoneId.of("Asia/Kolkata"))).isEqualTo("2019-07-25T15:26:49+05:30");
        assertThat(ZohoTime.formatCrm(t, ZoneOffset.UTC)).isEqualTo("2019-07-25T09:56:49+00:00");
        assertThat(ZohoTime.formatInventory(t, ZoneId.of("Asia/Kolkata"))).isEqualTo("2019-07-25T15:26:49+0530");
    }
}
