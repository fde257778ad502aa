package io.crminventorysync.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * Call counters, so tests and benchmarks can check "an unchanged record costs no write". Keys:
 * {@code crm}, {@code crm.GET}, {@code crm.read}, {@code crm.write}, {@code crm.write.records},
 * {@code crm.401}, {@code crm.429}, {@code crm.500}, and the same under {@code inventory};
 * {@code crm.credits}, {@code crm.429.credits}, {@code inventory.429.daily};
 * {@code crm.fault.errorBefore|errorAfter|dropped|noAnswer} and the same under {@code inventory};
 * {@code crm.notifications.sent|failed|dropped|duplicated|overflow} and the same under
 * {@code inventory.webhooks}; {@code oauth}, {@code oauth.refresh}, {@code oauth.invalid},
 * {@code oauth.throttled}. Every call received is counted, refused ones included.
 */
@Component
@SandboxEnabled
public class SandboxStats {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    public void add(String key, long n) {
        counters.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    public void increment(String key) {
        add(key, 1);
    }

    public long get(String key) {
        LongAdder a = counters.get(key);
        return a == null ? 0 : a.sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void reset() {
        counters.clear();
    }
}
