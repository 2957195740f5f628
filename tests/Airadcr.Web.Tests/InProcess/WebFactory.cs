using Airadcr.Testing;
using Airadcr.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.Web.Tests.InProcess;

/// <summary>
/// The Web in-process (TestServer) over a fresh SQLite webdb, with no ReportApi, gateway or Orthanc behind it, and
/// its password hasher counted.
/// </summary>
public sealed class WebFactory : WebApplicationFactory<Program>
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Admin-Passw0rd-InProcess!";

    private readonly FixtureDirectory directory = new("web");

    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Web:DataDirectory", directory.Path);
        builder.UseSetting("AIRADCR_WEB_ADMIN_USER", AdminUser);
        builder.UseSetting("AIRADCR_WEB_ADMIN_PASSWORD", AdminPassword);
        builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<WebUser>>(Hasher));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Dispose(); // other tests clearing the shared pools remove -wal/-shm files concurrently
    }
}

/// <summary>Identity's hasher, counting the passwords it verifies.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<WebUser>
{
    private readonly PasswordHasher<WebUser> hasher = new();
    private int verifications;

    public int Verifications => Volatile.Read(ref verifications);

    public string HashPassword(WebUser user, string password) => hasher.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(WebUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref verifications);
        return hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
