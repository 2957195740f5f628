namespace Airadcr.Dicom.Network.Server;

/// <summary>Counts an event that a flood of connections repeats, and lets it be logged at most once per
/// <c>interval</c> with the number of occurrences since the last line: a flood cannot flood the log.</summary>
internal sealed class RepeatedEvent(TimeProvider time, TimeSpan interval)
{
    private readonly Lock _lock = new();
    private long _unlogged;
    private long? _lastLogged;

    /// <summary>Counts one occurrence; true (with the occurrences to report, this one included) when it is time for a line.</summary>
    public bool Occurred(out long occurrences)
    {
        lock (_lock)
        {
            _unlogged++;
            var now = time.GetTimestamp();
            if (_lastLogged is { } last && time.GetElapsedTime(last, now) < interval)
            {
                occurrences = 0;
                return false;
            }

            _lastLogged = now;
            occurrences = _unlogged;
            _unlogged = 0;
            return true;
        }
    }
}
