# Job classes loaded by each Sidekiq process (`sidekiq -r jobs.rb`).
require "sidekiq"

# Debian pairs Sidekiq 6.4 with redis-rb 4.8, which prints a deprecation warning on every
# BRPOP (each fetch) and SADD (each push) Sidekiq sends; writing those to the log would be
# part of what we measure. Sidekiq ignores the SADD reply, so take redis-rb 5's form now.
if Redis.respond_to?(:silence_deprecations=)
  Redis.silence_deprecations = true
  Redis.sadd_returns_boolean = false
end

redis_url = ENV.fetch("REDIS_URL")
Sidekiq.configure_server do |config|
  config.redis = {url: redis_url}
  # Sidekiq logs a "start" and a "done" line for every job at INFO; at thousands of
  # jobs per second that file I/O would be part of what we measure. Keep warnings only
  # unless asked otherwise.
  config.logger.level = ENV.fetch("SIDEKIQ_PEER_LOG_LEVEL", "warn")
end
Sidekiq.configure_client { |config| config.redis = {url: redis_url} }

LATENCY_KEY = "ticketq-peer:latencies"

# Drain scenario: measures the queue machinery alone.
class NoopJob
  include Sidekiq::Worker
  sidekiq_options retry: false

  def perform
  end
end

# Steady scenario: records completion latency from the job's intended (scheduled) send
# time, so a late push counts against the latency, as in an open-loop test.
class TimedJob
  include Sidekiq::Worker
  sidekiq_options retry: false

  def perform(intended_ms)
    now_ms = Process.clock_gettime(Process::CLOCK_REALTIME, :float_millisecond)
    Sidekiq.redis { |c| c.rpush(LATENCY_KEY, (now_ms - intended_ms).round(3)) }
  end
end
