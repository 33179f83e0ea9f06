-- wrk script for bench/run.py: prints the run's figures as one JSON line at the end.
-- With paths as arguments (wrk ... -s wrk.lua URL -- /a /b), requests go round them in turn.

function init(args)
  if #args > 0 then
    local requests = {}
    for i, path in ipairs(args) do
      requests[i] = wrk.format(nil, path)
    end
    local next_one = 0
    request = function()
      next_one = next_one % #requests + 1
      return requests[next_one]
    end
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "status_errors": %d, ' ..
    '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, errors.status,
    errors.connect, errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean, latency.max))
end
