# Driver for the Sidekiq peer benchmark; run.sh calls it once per step:
#   reset | enqueue | wait | drain | steady   (options: see parse_options)
# Talks to the Redis in ENV["REDIS_URL"], the same one the Sidekiq processes use.
require "json"
require "optparse"
require "sidekiq"
require "sidekiq/api"

QUEUE_KEY = "queue:default"
LATENCY_KEY = "ticketq-peer:latencies"
POLL_S = 0.01
CHUNK = 10_000

# See jobs.rb: redis-rb 4.8 would print a deprecation warning on every push.
if Redis.respond_to?(:silence_deprecations=)
  Redis.silence_deprecations = true
  Redis.sadd_returns_boolean = false
end
Sidekiq.configure_client { |config| config.redis = {url: ENV.fetch("REDIS_URL"), size: 2} }

def now_ms
  Process.clock_gettime(Process::CLOCK_REALTIME, :float_millisecond)
end

def fail!(message)
  warn "sidekiq peer: #{message}"
  exit 1
end

def redis(&block)
  Sidekiq.redis(&block)
end

def parse_options(argv)
  opts = {processes: 2, threads: 10, pids: [], timeout: 600}
  OptionParser.new do |o|
    o.on("--jobs N", Integer) { |v| opts[:jobs] = v }
    o.on("--rate R", Float) { |v| opts[:rate] = v }
    o.on("--duration S", Float) { |v| opts[:duration] = v }
    o.on("--processes N", Integer) { |v| opts[:processes] = v }
    o.on("--threads N", Integer) { |v| opts[:threads] = v }
    o.on("--pids LIST", String) { |v| opts[:pids] = v.split(/[ ,]/).map(&:to_i) }
    o.on("--sync-dir DIR", String) { |v| opts[:sync_dir] = v }
    o.on("--timeout S", Float) { |v| opts[:timeout] = v }
    o.on("--out FILE", String) { |v| opts[:out] = v }
  end.parse!(argv)
  opts
rescue OptionParser::ParseError => e
  fail!(e.message)
end

# A Sidekiq process that exits early would otherwise show up only as a timeout.
def check_alive(pids)
  pids.each do |pid|
    Process.kill(0, pid)
  rescue Errno::ESRCH
    fail!("sidekiq process #{pid} exited early (see its log)")
  end
end

def percentile(sorted, p)
  return nil if sorted.empty?
  sorted[[(p / 100.0 * sorted.size).ceil - 1, 0].max]
end

def write_result(opts, result)
  info = redis { |c| c.info }
  doc = {
    peer: "sidekiq",
    sidekiq_version: Sidekiq::VERSION,
    ruby_version: RUBY_VERSION,
    redis_version: info["redis_version"],
    processes: opts[:processes],
    threads: opts[:threads]
  }.merge(result)
  File.write(opts[:out], JSON.pretty_generate(doc) + "\n")
end

# Deletes what a previous run left: Sidekiq's own keys and ours, nothing else.
def reset
  redis do |c|
    keys = %w[queue:* stat:* ticketq-peer:*].flat_map { |pattern| c.keys(pattern) }
    keys += %w[processes queues retry schedule dead]
    c.del(*keys)
  end
rescue Redis::BaseConnectionError => e
  fail!("cannot reach Redis at #{ENV["REDIS_URL"]}: #{e.message}")
end

def enqueue(opts)
  fail!("--jobs must be at least 1") unless opts[:jobs].to_i >= 1
  opts[:jobs].times.each_slice(CHUNK) do |slice|
    Sidekiq::Client.push_bulk("class" => "NoopJob", "queue" => "default", "args" => Array.new(slice.size) { [] })
  end
  queued = redis { |c| c.llen(QUEUE_KEY) }
  fail!("enqueued #{queued} jobs, expected #{opts[:jobs]}") unless queued == opts[:jobs]
end

def wait_registered(opts)
  deadline = now_ms + 30_000
  until Sidekiq::ProcessSet.new.size == opts[:processes]
    check_alive(opts[:pids])
    fail!("Sidekiq processes did not register within 30 s") if now_ms > deadline
    sleep 0.1
  end
end

# Sidekiq keeps its processed counter in process memory and adds it to stat:processed
# only on its heartbeat (every 5 s), so that counter cannot time a drain to the 10 ms.
# The drain's end is therefore the first poll that sees the queue empty (every job has
# been fetched; at most processes*threads no-op jobs are still running, for microseconds);
# the processed counter is then awaited to confirm that all N jobs were done.
def drain(opts)
  n = opts[:jobs]
  baseline = Sidekiq::Stats.new.processed
  # Handshake with run.sh, so polling is under way before any Sidekiq process boots:
  # we write "ready", it writes "started" (its clock reading just before the spawn, and
  # the pids) once the processes are launched.
  ready = File.join(opts[:sync_dir], "ready")
  started = File.join(opts[:sync_dir], "started")
  File.write(ready, "")
  ready_at = now_ms
  t0 = nil
  first_fetch = registered = nil
  loop do
    t = now_ms
    len = redis { |c| c.llen(QUEUE_KEY) }
    if t0.nil? && File.exist?(started)
      t0, *pids = File.read(started).split.map(&:to_i)
      opts[:pids] = pids
    end
    first_fetch ||= t if len < n
    registered ||= t if t0 && Sidekiq::ProcessSet.new.size >= opts[:processes]
    break if len.zero? && t0
    check_alive(opts[:pids])
    fail!("run.sh never started the processes") if t0.nil? && t - ready_at > 60_000
    fail!("queue not drained after #{opts[:timeout]} s (#{len} left)") if t0 && t - t0 > opts[:timeout] * 1000
    sleep POLL_S
  end
  empty_at = now_ms

  # Wait for the heartbeats to publish the processed counts (at most ~5 s, allow 15).
  processed = baseline
  until processed - baseline >= n || now_ms - empty_at > 15_000
    sleep POLL_S
    processed = Sidekiq::Stats.new.processed
  end
  completed = processed - baseline
  duration_s = (empty_at - t0) / 1000.0
  after_startup_s = (empty_at - first_fetch) / 1000.0
  write_result(opts, {
    scenario: "drain", jobs: n, completed: completed, lost: n - completed,
    duration_s: duration_s.round(3),
    startup_s: ((first_fetch - t0) / 1000.0).round(3),
    all_registered_s: registered && ((registered - t0) / 1000.0).round(3),
    stats_published_s: ((now_ms - t0) / 1000.0).round(3),
    throughput_per_s: (n / duration_s).round(1),
    throughput_after_startup_per_s: (n / after_startup_s).round(1)
  })
  puts format("sidekiq drain: %d jobs (%d done, %d lost) in %.3f s = %.0f jobs/s; %.0f jobs/s after start-up (%.3f s); %dx%d threads",
    n, completed, n - completed, duration_s, n / duration_s, n / after_startup_s, (first_fetch - t0) / 1000.0,
    opts[:processes], opts[:threads])
end

# Open loop: job i is due at start + i/rate whatever happened before; every tick sends
# all due jobs in one push_bulk, so a slow push makes the next batch bigger, never smaller.
def steady(opts)
  rate = opts[:rate]
  total = (rate * opts[:duration]).round
  fail!("--rate * --duration must be at least 1 job") if total < 1
  start = now_ms
  intended = ->(i) { start + i * 1000.0 / rate }
  lags = []
  sent = 0
  while sent < total
    due = [((now_ms - start) * rate / 1000.0).floor + 1, total].min
    if due > sent
      (sent...due).each_slice(CHUNK) do |slice|
        Sidekiq::Client.push_bulk("class" => "TimedJob", "queue" => "default",
          "args" => slice.map { |i| [intended.call(i).round(3)] })
        pushed = now_ms
        slice.each { |i| lags << pushed - intended.call(i) }
      end
      sent = due
    else
      sleep([(intended.call(sent) - now_ms) / 1000.0, 0].max)
    end
  end
  last_push = now_ms

  completed = 0
  loop do
    completed = redis { |c| c.llen(LATENCY_KEY) }
    break if completed >= sent || now_ms - last_push > 60_000
    sleep POLL_S
  end
  done_at = now_ms
  latencies = redis { |c| c.lrange(LATENCY_KEY, 0, -1) }.map(&:to_f).sort
  lags.sort!
  # The push phase spans `sent` send intervals: the last job's slot ends 1/rate after it.
  push_s = (last_push - start) / 1000.0 + 1.0 / rate
  latency = %w[p50 p90 p99 p999].zip([50, 90, 99, 99.9]).to_h { |name, p| [name, percentile(latencies, p)&.round(3)] }
  latency["max"] = latencies.last&.round(3)
  write_result(opts, {
    scenario: "steady", jobs: sent, completed: completed, lost: sent - completed,
    duration_s: push_s.round(3),
    offered_per_s: (sent / push_s).round(1),
    completed_per_s: (completed / ((done_at - start) / 1000.0)).round(1),
    schedule_lag_p99_ms: percentile(lags, 99).round(3),
    latency_ms: latency
  })
  puts format("sidekiq steady: %d jobs at %.0f/s over %.1f s, %d done, %d lost; latency ms p50 %s p90 %s p99 %s p99.9 %s max %s; schedule lag p99 %.2f ms",
    sent, sent / push_s, push_s, completed, sent - completed,
    *latency.values.map { |v| v.nil? ? "-" : format("%.1f", v) }, percentile(lags, 99))
end

command = ARGV.shift
opts = parse_options(ARGV)
case command
when "reset" then reset
when "enqueue" then enqueue(opts)
when "wait" then wait_registered(opts)
when "drain" then drain(opts)
when "steady" then steady(opts)
else fail!("unknown command #{command.inspect}")
end
