using Airadcr.ReportApi.Lifecycle;
using Airadcr.ReportApi.Storage;
using Airadcr.ReportApi.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Airadcr.ReportApi.Tests.Embedded;

/// <summary>Commits never checkpoint (no request pays for it); the background checkpointer moves the WAL into the database.</summary>
public sealed class WalCheckpointTests : IAsyncDisposable
{
    private const int SqlitePageSize = 4096;
    private const int DefaultAutoCheckpointPages = 1000;
    private const int Stored = 700;
    private readonly ReportApiFactory api = new(new Dictionary<string, string?>());

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(api.DataDirectory, SqliteReportDatabase.FileName);

    [Fact]
    public async Task Stored_reports_stay_in_the_wal_until_the_checkpointer_runs()
    {
        var client = api.CreateClient().WithApiKey();
        await client.GetAsync("/health", Token);
        await using var holder = await HoldWalAsync();
        await api.Service<WalCheckpointer>().RunOnceAsync(Token); // the schema into the database file
        for (var i = 0; i < Stored; i++)
        {
            await client.PostReportAsync(SampleReports.Minimal($"WAL_{i}"));
        }

        // SQLite's default would have checkpointed inside a commit at 1000 frames and restarted the WAL from its start.
        Assert.True(WalFrames() > 2 * DefaultAutoCheckpointPages, $"{WalFrames()} WAL frames after {Stored} reports");
        Assert.Equal(0, await CountInDatabaseFileAloneAsync());

        await api.Service<WalCheckpointer>().RunOnceAsync(Token);

        Assert.Equal(Stored, await CountInDatabaseFileAloneAsync());
    }

    [Fact]
    public async Task The_background_checkpoint_waits_for_a_second_without_writes()
    {
        var client = api.CreateClient().WithApiKey();
        await client.GetAsync("/health", Token);
        await using var holder = await HoldWalAsync();
        await api.Service<WalCheckpointer>().RunOnceAsync(Token);
        for (var i = 0; i < 20; i++)
        {
            await client.PostReportAsync(SampleReports.Minimal($"LULL_{i}"));
        }

        api.Clock.Advance(TimeSpan.FromSeconds(1)); // a tick right after writes: not a lull yet
        await Task.Delay(300, Token);
        Assert.Equal(0, await CountInDatabaseFileAloneAsync());

        // Then whole periods without a write (more than one if the loop had not yet seen the first tick).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CountInDatabaseFileAloneAsync() != 20 && DateTime.UtcNow < deadline)
        {
            api.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100, Token);
        }

        Assert.Equal(20, await CountInDatabaseFileAloneAsync());
    }

    [Fact]
    public async Task After_a_checkpoint_in_a_lull_commits_start_the_wal_again_from_its_beginning()
    {
        var client = api.CreateClient().WithApiKey();
        await client.GetAsync("/health", Token);
        await using var holder = await HoldWalAsync();
        await api.Service<WalCheckpointer>().RunOnceAsync(Token);
        await PostAsync(client, "RESTART_A", 300);
        await api.Service<WalCheckpointer>().RunOnceAsync(Token);
        var walBytes = WalBytes();

        await PostAsync(client, "RESTART_B", 100); // fewer frames than the WAL holds: they overwrite its beginning

        Assert.Equal(walBytes, WalBytes());
        await api.Service<WalCheckpointer>().RunOnceAsync(Token);
        Assert.Equal(400, await CountInDatabaseFileAloneAsync());
    }

    [Fact]
    public async Task A_wal_grown_past_32_MiB_is_cut_back_once_commits_start_it_again()
    {
        var client = api.CreateClient().WithApiKey();
        await client.GetAsync("/health", Token);
        await using var holder = await HoldWalAsync();
        await api.Service<WalCheckpointer>().RunOnceAsync(Token);
        for (var i = 0; i < 45; i++)
        {
            var report = SampleReports.Minimal($"BIG_{i}");
            report["structured"]!["findings"] = new string('x', 850_000);
            (await client.PostReportAsync(report)).EnsureSuccessStatusCode();
        }
        Assert.True(WalBytes() > WalCheckpointer.MaxWalBytes, $"{WalBytes()} bytes of WAL");

        await api.Service<WalCheckpointer>().RunOnceAsync(Token);
        await PostAsync(client, "AFTER", 1); // starts the WAL again from its beginning, and cuts the file

        Assert.True(WalBytes() <= WalCheckpointer.MaxWalBytes, $"{WalBytes()} bytes of WAL");
        Assert.Equal(45, await CountInDatabaseFileAloneAsync());
    }

    [Fact]
    public async Task Under_a_sustained_write_load_a_checkpoint_lets_commits_start_the_wal_again()
    {
        var client = api.CreateClient().WithApiKey();
        await client.GetAsync("/health", Token);
        await using var holder = await HoldWalAsync();
        var database = api.Service<SqliteReportDatabase>();
        using var load = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var posted = 0;
        var writes = Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                (await client.PostReportAsync(SampleReports.Minimal($"LOAD_{posted++}"))).EnsureSuccessStatusCode();
            }
        }, Token);

        // Without the restart, commits landing during every copy keep the WAL from ever starting again: its frames grow.
        var framesSeen = new List<long>();
        for (var round = 0; round < 40 && !writes.IsCompleted; round++)
        {
            await Task.Delay(50, Token);
            framesSeen.Add(Checkpoint(database, restartAtBytes: 256 * 1024).WalBytes);
        }
        await load.CancelAsync();
        await writes.ContinueWith(_ => { }, TaskScheduler.Default);

        Assert.True(writes.IsCanceled || writes.IsCompletedSuccessfully, writes.Exception?.ToString());
        Assert.True(framesSeen.Zip(framesSeen.Skip(1)).Count(pair => pair.Second < pair.First) >= 5,
            $"WAL bytes of frames at each checkpoint, {posted} reports posted: {string.Join(", ", framesSeen)}");
        Assert.True(WalBytes() < WalCheckpointer.MaxWalBytes, $"{WalBytes()} bytes of WAL");
    }

    [Fact]
    public async Task Under_a_steady_write_load_the_wal_starts_again_without_holding_commits_back()
    {
        var rounds = await RestartsUnderLoadAsync(writers: 1, pauseBetweenPosts: TimeSpan.FromMilliseconds(3), restartAtBytes: 1024 * 1024);

        // A copy that no commit overtook lets the next commit start the WAL (it has fewer frames at the next round):
        // commits need not be held for it.
        var withoutWaiting = rounds.Zip(rounds.Skip(1))
            .Count(pair => pair.First.Restart is { CommitsWaited: false } && pair.Second.WalBytes < pair.First.WalBytes);
        Assert.True(withoutWaiting * 2 >= Restarts(rounds).Count(), Describe(rounds));
    }

    [Fact]
    public async Task Under_a_write_load_without_gaps_commits_wait_only_for_a_short_last_copy()
    {
        var rounds = await RestartsUnderLoadAsync(writers: 4, pauseBetweenPosts: TimeSpan.Zero, restartAtBytes: 4 * 1024 * 1024);

        // After copies over what the one before left, only what landed during the last short one is copied with the
        // lock, not what landed during the copy of 4 MiB: a quarter of it at most (median). With two locked copies
        // the median is the larger one, and a slow copy on a busy CI machine reached 844 KB.
        var locked = Restarts(rounds).Where(restart => restart.CommitsWaited).Select(restart => restart.CopiedUnderLockBytes).Order().ToList();
        Assert.True(locked.Count == 0 || locked[locked.Count / 2] <= 1024 * 1024, Describe(rounds));
    }

    /// <summary>Checkpoint rounds during a load of POSTs, until at least five restarts of the WAL and one round after.</summary>
    private async Task<List<(long WalBytes, WalRestart? Restart)>> RestartsUnderLoadAsync(int writers, TimeSpan pauseBetweenPosts, long restartAtBytes)
    {
        var client = api.CreateClient().WithApiKey();
        await client.GetAsync("/health", Token);
        await using var holder = await HoldWalAsync();
        var database = api.Service<SqliteReportDatabase>();
        using var load = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var writes = Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !load.IsCancellationRequested; i++)
            {
                (await client.PostReportAsync(SampleReports.Minimal($"LOAD_{writer}_{i}"))).EnsureSuccessStatusCode();
                await Task.Delay(pauseBetweenPosts, load.Token);
            }
        }, Token)));

        var rounds = new List<(long WalBytes, WalRestart? Restart)>();
        for (var round = 0; round < 100 && Restarts(rounds).Count() < 8 && !writes.IsCompleted; round++)
        {
            await Task.Delay(100, Token);
            rounds.Add(Checkpoint(database, restartAtBytes));
        }
        await Task.Delay(100, Token);
        rounds.Add((database.CopyWal(), null));
        await load.CancelAsync();
        await writes.ContinueWith(_ => { }, TaskScheduler.Default);

        Assert.True(writes.IsCanceled || writes.IsCompletedSuccessfully, writes.Exception?.ToString());
        Assert.True(Restarts(rounds).Count() >= 5, Describe(rounds));
        return rounds;
    }

    private static IEnumerable<WalRestart> Restarts(IEnumerable<(long WalBytes, WalRestart? Restart)> rounds) =>
        rounds.Where(round => round.Restart is not null).Select(round => round.Restart!.Value);

    private static string Describe(IEnumerable<(long WalBytes, WalRestart? Restart)> rounds) =>
        "rounds (WAL bytes of frames, then for a restart: copies/commits waited/bytes copied with the lock): " +
        string.Join(", ", rounds.Select(r => r.Restart is { } x ? $"{r.WalBytes} {x.Passes}/{x.CommitsWaited}/{x.CopiedUnderLockBytes}" : $"{r.WalBytes}"));

    /// <summary>What the checkpointer does, with a threshold the tests' load reaches in a fraction of a second.</summary>
    private static (long WalBytes, WalRestart? Restart) Checkpoint(SqliteReportDatabase database, long restartAtBytes)
    {
        var walBytes = database.CopyWal();
        return (walBytes, walBytes >= restartAtBytes ? database.RestartWal() : null);
    }

    private static async Task PostAsync(HttpClient client, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            (await client.PostReportAsync(SampleReports.Minimal($"{prefix}_{i}"))).EnsureSuccessStatusCode();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_checkpoint_and_the_restart_run_on_threads_of_their_own_the_checkpoint_at_the_lowest_priority(bool lowestPriority)
    {
        var expectedNice = lowestPriority ? DedicatedThread.LowestPriorityNice : OwnNiceValue(); // else the caller's
        var (threadId, nice, poolThread) = (0, -1, true);
        await DedicatedThread.RunAsync("test", lowestPriority,
            () => (threadId, nice, poolThread) = (Environment.CurrentManagedThreadId, OwnNiceValue(), Thread.CurrentThread.IsThreadPoolThread));

        Assert.NotEqual(Environment.CurrentManagedThreadId, threadId);
        Assert.False(poolThread);
        Assert.Equal(expectedNice, nice);
    }

    /// <summary>Field 19 of /proc/thread-self/stat (after the parenthesized name) is the thread's nice value.</summary>
    private static int OwnNiceValue()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// SQLite checkpoints and deletes the WAL when the last connection to a database closes, and other tests clear
    /// every connection pool when they finish: a connection held open (after a first read, which takes the WAL's
    /// shared lock) keeps this database's WAL alive.
    /// </summary>
    private async Task<SqliteConnection> HoldWalAsync()
    {
        var holder = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await holder.OpenAsync(Token);
        await using var touch = holder.CreateCommand();
        touch.CommandText = "SELECT COUNT(*) FROM sqlite_master";
        await touch.ExecuteScalarAsync(Token);
        return holder;
    }

    /// <summary>Frames in the WAL file (32-byte header, then a 24-byte header and one page per frame).</summary>
    private long WalFrames() => (WalBytes() - 32) / (SqlitePageSize + 24);

    private long WalBytes() => new FileInfo(DatabasePath + "-wal").Length;

    /// <summary>Rows readable from a copy of the main database file without its WAL.</summary>
    private async Task<long> CountInDatabaseFileAloneAsync()
    {
        var copy = Path.Combine(api.DataDirectory, "copy-" + Guid.NewGuid().ToString("N") + ".db");
        File.Copy(DatabasePath, copy);
        await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pending_reports";
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    public async ValueTask DisposeAsync()
    {
        await api.DisposeAsync();
        await api.DeleteDataDirectoryAsync();
    }
}
