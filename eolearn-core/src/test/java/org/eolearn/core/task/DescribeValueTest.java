package org.eolearn.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Parameter values are described readably in reports: no lambda class names or array identities. */
class DescribeValueTest {

    @Test
    void lambdasAnonymousClassesArraysAndCollections() {
        Function<Integer, Integer> lambda = x -> x + 1;
        Function<Object, String> reference = String::valueOf;
        Runnable anonymous = new Runnable() {
            @Override
            public void run() {
            }
        };
        assertThat(Tasks.describeValue(lambda)).isEqualTo("lambda in DescribeValueTest");
        assertThat(Tasks.describeValue(reference)).isEqualTo("lambda in DescribeValueTest");
        assertThat(Tasks.describeValue(anonymous)).isEqualTo("anonymous Runnable in DescribeValueTest");
        assertThat(Tasks.describeValue(new int[] {7, 3})).isEqualTo("[7, 3]");
        assertThat(Tasks.describeValue(List.of(1, lambda))).isEqualTo("[1, lambda in DescribeValueTest]");
        assertThat(Tasks.describeValue(Map.of("f", lambda))).isEqualTo("{f=lambda in DescribeValueTest}");
        assertThat(Tasks.describeValue(null)).isEqualTo("None");
        assertThat(Tasks.describeValue("linear")).isEqualTo("linear");
    }
}
