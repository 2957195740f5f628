using Airadcr.ReportApi.Navigation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Airadcr.ReportApi.Tests.Infrastructure;

/// <summary>
/// The ReportApi in-process (TestServer) over a fresh data directory and store, with a fake clock, the test admin
/// key and the test API key registered via AIRADCR_PROD_API_KEY. Rate limiting is off unless a test turns it on.
/// </summary>
public sealed class ReportApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public ReportApiFactory(IReadOnlyDictionary<string, string?> storeSettings, IReadOnlyDictionary<string, string?>? overrides = null,
        string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("airadcr-reportapi-").FullName;
        settings = new Dictionary<string, string?>
        {
            ["AIRADCR_DATA_DIR"] = DataDirectory,
            ["AIRADCR_ADMIN_KEY"] = TestKeys.Admin,
            ["AIRADCR_PROD_API_KEY"] = TestKeys.Api,
            ["Airadcr:rate_limit_per_minute"] = "0",
            ["Airadcr:backup_enabled"] = "false",
        };
        foreach (var (key, value) in storeSettings.Concat(overrides ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 2, 23, 10, 30, 0, TimeSpan.Zero));

    /// <summary>When true the host never signals "started", so the app stays not ready.</summary>
    public bool WithoutReadinessSignal { get; init; }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Development");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            if (WithoutReadinessSignal)
            {
                var signal = services.Single(d => d.ImplementationType == typeof(ReadinessSignal));
                services.Remove(signal);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Deletes the data directory after disposal. Closing the last connection of a database (possibly from another
    /// test clearing the shared pools) removes its -wal/-shm files concurrently: a few retries, then the remains.
    /// </summary>
    public Task DeleteDataDirectoryAsync() => DeleteDirectoryAsync(DataDirectory);

    /// <summary>Deletes a folder that held data directories (see <see cref="DeleteDataDirectoryAsync"/>).</summary>
    public static async Task DeleteDirectoryAsync(string directory)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
            catch (IOException e)
            {
                var remains = string.Join(", ", Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories));
                throw new IOException($"{e.Message}; still there: {remains}", e);
            }
        }
    }
}
