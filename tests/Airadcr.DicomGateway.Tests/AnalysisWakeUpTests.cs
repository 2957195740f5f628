using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Airadcr.DicomGateway.Tests;

public sealed class AnalysisWakeUpTests
{
    [Fact]
    public async Task A_notification_ends_the_wait_at_once_and_without_one_the_wait_ends_at_the_poll()
    {
        var ct = TestContext.Current.CancellationToken;
        var wakeUp = new AnalysisWakeUp();
        var clock = new FakeTimeProvider();

        var woken = SignalOrPoll.WaitAsync(wakeUp.Next, TimeSpan.FromHours(1), clock, ct);
        Assert.False(woken.IsCompleted);
        wakeUp.Notify();
        await woken;

        var next = wakeUp.Next;
        Assert.False(next.IsCompleted, "a notification wakes the waits taken before it, not the next ones");
        var polled = SignalOrPoll.WaitAsync(next, TimeSpan.FromSeconds(1), clock, ct);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(polled.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await polled;
    }
}
