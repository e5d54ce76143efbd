import ServiceRuntime
import Testing

@Suite struct MetricsRegistryTests {
    @Test func rendersTheExactTextFormat() {
        let registry = MetricsRegistry()
        registry.counter("slothunter_checks_total", help: "Availability checks done.", labels: ["result": "ok"]).inc(
            by: 3)
        registry.counter("slothunter_checks_total", help: "Availability checks done.", labels: ["result": "error"])
            .inc()
        registry.gauge("slothunter_watches", help: "Active watches.\nCounted \\ per doctor.").set(2.5)
        registry.counter("slothunter_odd_total", help: "Odd labels.", labels: ["path": "a\"b\\c\nd", "method": "GET"])
            .inc()
        let histogram = registry.histogram(
            "slothunter_fetch_seconds", help: "Fetch latency.", buckets: [1, 0.125, 0.5],
            labels: ["endpoint": "freeDays"])
        for value in [0.0625, 0.125, 0.25, 2] { histogram.observe(value) }
        let expected = """
            # HELP slothunter_checks_total Availability checks done.
            # TYPE slothunter_checks_total counter
            slothunter_checks_total{result="error"} 1
            slothunter_checks_total{result="ok"} 3
            # HELP slothunter_fetch_seconds Fetch latency.
            # TYPE slothunter_fetch_seconds histogram
            slothunter_fetch_seconds_bucket{endpoint="freeDays",le="0.125"} 2
            slothunter_fetch_seconds_bucket{endpoint="freeDays",le="0.5"} 3
            slothunter_fetch_seconds_bucket{endpoint="freeDays",le="1"} 3
            slothunter_fetch_seconds_bucket{endpoint="freeDays",le="+Inf"} 4
            slothunter_fetch_seconds_sum{endpoint="freeDays"} 2.4375
            slothunter_fetch_seconds_count{endpoint="freeDays"} 4
            # HELP slothunter_odd_total Odd labels.
            # TYPE slothunter_odd_total counter
            slothunter_odd_total{method="GET",path="a\\"b\\\\c\\nd"} 1
            # HELP slothunter_watches Active watches.\\nCounted \\\\ per doctor.
            # TYPE slothunter_watches gauge
            slothunter_watches 2.5

            """
        #expect(registry.render() == expected)
        #expect(MetricsRegistry.contentType == "text/plain; version=0.0.4; charset=utf-8")
    }

    @Test func emptyRegistryRendersNothing() {
        #expect(MetricsRegistry().render() == "")
    }

    @Test func sameNameAndLabelsGiveTheSameSeries() {
        let registry = MetricsRegistry()
        let first = registry.counter("c_total", help: "h", labels: ["a": "1", "b": "2"])
        let again = registry.counter("c_total", help: "ignored", labels: ["b": "2", "a": "1"])
        let other = registry.counter("c_total", help: "h", labels: ["a": "2", "b": "2"])
        #expect(first === again)
        #expect(first !== other)
        #expect(registry.gauge("g", help: "h") === registry.gauge("g", help: "h"))
    }

    @Test func histogramBucketsAreCumulativeAndInclusive() {
        let registry = MetricsRegistry()
        let histogram = registry.histogram("h_seconds", help: "h", buckets: [0.5, 0.1, 0.5, .infinity])
        #expect(histogram.upperBounds == [0.1, 0.5])
        for value in [0.1, 0.1000001, 0.5, 0.75, -1, .infinity, .nan] { histogram.observe(value) }
        histogram.observe(Duration.milliseconds(250))
        let snapshot = histogram.snapshot
        #expect(snapshot.cumulativeCounts == [2, 5])
        #expect(snapshot.count == 7)
        #expect(snapshot.sum == .infinity)
        let text = registry.render()
        #expect(text.contains("h_seconds_bucket{le=\"0.1\"} 2\n"))
        #expect(text.contains("h_seconds_bucket{le=\"0.5\"} 5\n"))
        #expect(text.contains("h_seconds_bucket{le=\"+Inf\"} 7\n"))
        #expect(text.contains("h_seconds_sum +Inf\n"))
        #expect(text.contains("h_seconds_count 7\n"))
    }

    @Test func defaultBucketsArePrometheusDefaults() {
        let histogram = MetricsRegistry().histogram("d", help: "h")
        #expect(histogram.upperBounds == [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])
    }

    @Test func countersOnlyGoUpAndGaugesGoBothWays() {
        let registry = MetricsRegistry()
        let counter = registry.counter("c_total", help: "h")
        counter.inc()
        counter.inc(by: 2.5)
        counter.inc(by: -10)
        counter.inc(by: .nan)
        #expect(counter.value == 3.5)
        let gauge = registry.gauge("g", help: "h")
        gauge.set(10)
        gauge.inc()
        gauge.dec(by: 4)
        #expect(gauge.value == 7)
        gauge.set(-1e20)
        #expect(registry.render().contains("g -1e+20\n"))
    }

    @Test func concurrentUpdatesAreNotLost() async {
        let registry = MetricsRegistry()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for _ in 0..<1000 {
                        registry.counter("c_total", help: "h", labels: ["task": String(task % 2)]).inc()
                        registry.histogram("h", help: "h", buckets: [1]).observe(0.5)
                        registry.gauge("g", help: "h").inc()
                    }
                }
            }
        }
        let total =
            registry.counter("c_total", help: "h", labels: ["task": "0"]).value
            + registry.counter("c_total", help: "h", labels: ["task": "1"]).value
        #expect(total == 8000)
        #expect(registry.histogram("h", help: "h", buckets: [1]).snapshot.count == 8000)
        #expect(registry.gauge("g", help: "h").value == 8000)
    }
}
