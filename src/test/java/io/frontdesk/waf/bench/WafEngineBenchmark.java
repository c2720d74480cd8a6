package io.frontdesk.waf.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.frontdesk.waf.conformance.ftw.CrsReleases;
import io.frontdesk.waf.engine.InspectionBudget;
import io.frontdesk.waf.engine.RuleSet;
import io.frontdesk.waf.engine.RuleSetLoader;
import io.frontdesk.waf.engine.Transaction;

/**
 * The engine with CRS v4 at paranoia levels 1 and 2, inspecting three kinds of ordinary request
 * from request line to logging phase: a browser GET (10 headers, 3 query arguments, cookies), a
 * 4 KiB form POST and a 64 KiB JSON POST, each under a CPU budget on the thread's CPU clock as in
 * the gateway (one never reached: its checks are measured, not its refusals). Run with
 * bench/waf-engine.sh, which adds the GC profiler for allocation per request. The CRS release is the system property {@code crs.dir}
 * (default: v4.28.0 where the tests find CRS releases, FRONTDESK_CRS_DIR or ../shared/crs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WafEngineBenchmark {

    private static final String[][] BROWSER_HEADERS = {
        {"Host", "shop.example.com"},
        {"User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"},
        {"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"},
        {"Accept-Language", "en-GB,en;q=0.9,fr;q=0.7"},
        {"Accept-Encoding", "gzip, deflate, br, zstd"},
        {"Referer", "https://shop.example.com/catalogue?category=books"},
        {"Cookie", "session=8f2b1c9a7e6d4f3b2a1c0d9e8f7a6b5c; theme=dark; consent=analytics%3Dno%26ads%3Dno"},
        {"Connection", "keep-alive"},
        {"Upgrade-Insecure-Requests", "1"},
        {"Sec-Fetch-Mode", "navigate"},
    };

    @Param({"1", "2"})
    public int paranoiaLevel;

    private static final InspectionBudget BUDGET = new InspectionBudget(Long.MAX_VALUE,
            InspectionBudget.Policy.REFUSE, ManagementFactory.getThreadMXBean()::getCurrentThreadCpuTime);

    private RuleSet rules;
    private String form;
    private String json;

    @Setup
    public void load() throws IOException {
        Path crs = Path.of(System.getProperty("crs.dir",
                CrsReleases.directory().resolve(CrsReleases.V4).toString()));
        Path settings = Files.createTempFile("frontdesk-bench", ".conf");
        Files.writeString(settings, "SecAction \"id:900000,phase:1,pass,nolog,setvar:tx.blocking_paranoia_level="
                + paranoiaLevel + "\"\n");
        List<Path> files = new ArrayList<>(List.of(crs.resolve("crs-setup.conf.example"), settings));
        try (Stream<Path> ruleFiles = Files.list(crs.resolve("rules"))) {
            ruleFiles.filter(path -> path.toString().endsWith(".conf")).sorted().forEach(files::add);
        }
        rules = RuleSetLoader.load(files);
        StringBuilder formBody = new StringBuilder("title=Ordinary+order&email=jane.doe%40example.com");
        for (int i = 0; formBody.length() < 4096; i++) {
            formBody.append("&item").append(i).append("=Paperback+edition+of+a+novel%2C+second+printing");
        }
        form = formBody.substring(0, 4096);
        StringBuilder jsonBody = new StringBuilder("{\"order\":{\"customer\":\"Jane Doe\",\"items\":[");
        for (int i = 0; jsonBody.length() < 65_000; i++) {
            jsonBody.append(i == 0 ? "" : ",").append("{\"sku\":\"BK-").append(10_000 + i)
                    .append("\",\"title\":\"A novel in paperback\",\"quantity\":2,\"price\":12.5}");
        }
        json = jsonBody.append("]}}").toString();
    }

    private Transaction request(String method, String target, String contentType, String body) {
        Transaction transaction = rules.newTransaction("bench");
        transaction.budget(BUDGET);
        transaction.connection("198.51.100.7", 51234, "10.0.0.1", 443);
        transaction.requestLine(method, target, "HTTP/1.1");
        for (String[] header : BROWSER_HEADERS) {
            transaction.requestHeader(header[0], header[1]);
        }
        if (contentType != null) {
            transaction.requestHeader("Content-Type", contentType);
            transaction.requestHeader("Content-Length", Integer.toString(body.length()));
        }
        transaction.processRequestHeaders();
        if (body != null) {
            transaction.appendRequestBody(body);
        }
        transaction.processRequestBody();
        transaction.responseStatus(200, "HTTP/1.1");
        transaction.responseHeader("Content-Type", "text/html");
        transaction.processResponseHeaders();
        transaction.processLogging();
        return transaction;
    }

    @Benchmark
    public Transaction browserGet() {
        return request("GET", "/catalogue/search?q=paperback+novels&page=2&sort=price", null, null);
    }

    @Benchmark
    public Transaction formPost4k() {
        return request("POST", "/checkout", "application/x-www-form-urlencoded", form);
    }

    @Benchmark
    public Transaction jsonPost64k() {
        return request("POST", "/api/orders", "application/json", json);
    }
}
