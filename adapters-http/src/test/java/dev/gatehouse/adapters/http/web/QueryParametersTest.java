package dev.gatehouse.adapters.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void readsTheFirstValueDecodedAsUtf8() {
        assertThat(QueryParameters.first("a=1&sbpk=pk%5Fa&sbpk=other", "sbpk")).isEqualTo("pk_a");
        assertThat(QueryParameters.first("sbpk=%C3%A9t%C3%A9+x", "sbpk")).isEqualTo("été x");
        assertThat(QueryParameters.first("sbpk", "sbpk")).isEmpty();
    }

    @Test
    void absentOrMalformedParametersReadAsNullNeverThrow() {
        assertThat(QueryParameters.first(null, "sbpk")).isNull();
        assertThat(QueryParameters.first("", "sbpk")).isNull();
        assertThat(QueryParameters.first("other=1", "sbpk")).isNull();
        assertThat(QueryParameters.first("sbpk=%zz", "sbpk")).isNull();
        assertThat(QueryParameters.first("%zz=1&sbpk=ok", "sbpk")).isEqualTo("ok");
        assertThat(QueryParameters.first("&&&=&=", "sbpk")).isNull();
    }
}
