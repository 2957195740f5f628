using Airadcr.ReportApi.Tests.Infrastructure;

namespace Airadcr.ReportApi.Tests.Contract;

/// <summary>
/// Base of the behaviour suites that run unchanged on every store (SQLite; PostgreSQL + Redis): each test gets a
/// fresh server over a fresh store.
/// </summary>
public abstract class ContractTestBase(IStoreBackend backend) : IAsyncDisposable
{
    private readonly List<ReportApiFactory> factories = [];

    protected IStoreBackend Backend => backend;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A server over a new empty store.</summary>
    protected async Task<ReportApiFactory> StartAsync(IReadOnlyDictionary<string, string?>? overrides = null, bool ready = true)
    {
        var store = await backend.CreateStoreAsync(Token);
        return Track(new ReportApiFactory(store, overrides) { WithoutReadinessSignal = !ready });
    }

    /// <summary>A second server over the same data directory and store settings (a restart).</summary>
    protected ReportApiFactory Restart(ReportApiFactory previous, IReadOnlyDictionary<string, string?> storeSettings) =>
        Track(new ReportApiFactory(storeSettings, dataDirectory: previous.DataDirectory));

    protected async Task<(ReportApiFactory Factory, IReadOnlyDictionary<string, string?> Store)> StartWithStoreAsync()
    {
        var store = await backend.CreateStoreAsync(Token);
        return (Track(new ReportApiFactory(store)), store);
    }

    /// <summary>The stored row of a report, read from the database (no cache).</summary>
    protected static Task<Airadcr.ReportApi.Storage.SealedReport?> StoredRowAsync(ReportApiFactory api, string technicalId) =>
        new Airadcr.ReportApi.Storage.SqlReportStore(api.Service<Airadcr.ReportApi.Storage.ReportDatabase>())
            .GetAsync(api.Service<Airadcr.ReportApi.Security.ReportSealer>().TechnicalIdIndex(technicalId), Token);

    private ReportApiFactory Track(ReportApiFactory factory)
    {
        factories.Add(factory);
        return factory;
    }

    public async ValueTask DisposeAsync()
    {
        // Every server stops before any data directory goes: a restarted server may share its predecessor's.
        foreach (var factory in factories)
        {
            await factory.DisposeAsync();
        }

        foreach (var factory in factories)
        {
            await factory.DeleteDataDirectoryAsync();
        }

        GC.SuppressFinalize(this);
    }
}
