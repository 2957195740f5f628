using Airadcr.Audit.Storage;
using Airadcr.Web.Apis;
using Airadcr.Web.Audit;
using Airadcr.Web.Components;
using Airadcr.Web.Configuration;
using Airadcr.Web.Data;
using Airadcr.Web.Gateway;
using Airadcr.Web.Uploads;
using Airadcr.Web.Identity;
using Airadcr.Web.Localization;
using Airadcr.Web.Measurements;
using Airadcr.Web.Reports;
using Airadcr.Web.Research;
using Airadcr.Web.ReportApi;
using Airadcr.Web.Security;
using Airadcr.Web.Status;
using Airadcr.Web.Viewer;
using Airadcr.Web.Worklist;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Npgsql;

namespace Airadcr.Web.Extensions;

public static class WebExtensions
{
    public const string WebDbConnectionName = "webdb";

    public static WebApplicationBuilder AddWebServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.SectionName);
        services.AddOptions<FirstAdminOptions>().BindConfiguration(FirstAdminOptions.SectionName)
            .Configure(admin =>
            {
                admin.UserName ??= builder.Configuration["AIRADCR_WEB_ADMIN_USER"];
                admin.Password ??= builder.Configuration["AIRADCR_WEB_ADMIN_PASSWORD"];
            });
        services.TryAddSingleton(TimeProvider.System);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<IStringLocalizer, UiText>();
        services.AddLocalization();

        builder.AddWebDatabase();
        builder.AddWebIdentity();
        builder.AddServiceClients();
        builder.AddDicomWebProxy();
        builder.AddResearch();

        services.AddSingleton<AuditLog>();
        services.AddScoped<AuditIntegrity>();
        services.AddSingleton<ReviewStore>();
        services.AddScoped<WorklistService>();
        services.AddScoped<ReportSigning>();
        services.AddScoped<ReportRejection>();
        services.AddScoped<ReaderMeasurements>();
        services.AddSingleton<NavigationFeed>();
        services.AddSingleton<NavigationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<NavigationListener>());
        services.AddSingleton<WorklistChangeMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<WorklistChangeMonitor>());
        services.AddHostedService<WebDatabaseInitializer>();
        services.AddHostedService<ReportWarmupService>();
        return builder;
    }

    /// <summary>
    /// webdb: PostgreSQL when <c>ConnectionStrings:webdb</c> is an Npgsql connection string (<c>Host=...</c>, what the
    /// AppHost and Aspire inject), SQLite when it is a SQLite one, else <c>web.db</c> in the data directory.
    /// </summary>
    private static void AddWebDatabase(this WebApplicationBuilder builder)
    {
        var connection = builder.Configuration.GetConnectionString(WebDbConnectionName);
        if (string.IsNullOrEmpty(connection))
        {
            var directory = builder.Configuration.GetSection(WebOptions.SectionName).Get<WebOptions>()?.ResolveDataDirectory()
                ?? new WebOptions().ResolveDataDirectory();
            Directory.CreateDirectory(directory);
            connection = "Data Source=" + Path.Combine(directory, "web.db");
        }
        var postgres = connection.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        if (postgres)
        {
            // Aspire's Npgsql client integration: the data source EF Core uses, a health check, traces and metrics.
            builder.AddPostgresDataSource(WebDbConnectionName);
        }
        // The audit chain lives in webdb too (tables audit_chain, audit_checkpoint); registered first, it stops last.
        builder.Services.AddAuditTrail("web",
            sp => postgres ? new PostgresAuditStore(sp.GetRequiredService<NpgsqlDataSource>()) : new SqliteAuditStore(connection),
            sp => sp.GetRequiredService<IOptions<WebOptions>>().Value.ResolveDataDirectory());
        builder.Services.AddDbContextFactory<WebDbContext>((services, options) =>
        {
            if (postgres)
            {
                options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>());
            }
            else
            {
                options.UseSqlite(connection);
            }
        });
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContext());
    }

    private static void AddWebIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddAuthorization();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<WebUser>(identity =>
            {
                identity.Password.RequiredLength = 12;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
                identity.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WebDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<AccountSignIn>();

        var secure = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<WebOptions>>((cookie, web) =>
            {
                cookie.LoginPath = "/account/login";
                cookie.LogoutPath = "/account/logout";
                cookie.AccessDeniedPath = "/account/denied";
                cookie.Cookie.Name = "airadcr.web";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = secure;
                cookie.ExpireTimeSpan = web.Value.IdleTimeout;
                cookie.SlidingExpiration = true;
                // The DICOMweb proxy is called by scripts: refuse with a status instead of a sign-in page.
                var toLogin = cookie.Events.OnRedirectToLogin;
                var toDenied = cookie.Events.OnRedirectToAccessDenied;
                cookie.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized, toLogin);
                cookie.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden, toDenied);
            });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.SecurePolicy = secure;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status,
        Func<RedirectContext<CookieAuthenticationOptions>, Task> otherwise)
    {
        if (!DicomWebProxy.IsProxied(context.Request.Path) && !ResearchApi.IsScriptPath(context.Request.Path))
        {
            return otherwise(context);
        }
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>ReportApi and gateway clients through service discovery (http://reportapi, http://dicomgateway).</summary>
    private static void AddServiceClients(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpClient<ReportApiClient>((sp, http) =>
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<WebOptions>>().Value.ReportApiUrl));
        // The navigation stream lives for hours: no total timeout, no retry handler on it (the listener reconnects).
        var navigation = services.AddHttpClient(NavigationListener.ClientName, (sp, http) =>
        {
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<WebOptions>>().Value.ReportApiUrl);
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
#pragma warning disable EXTEXP0001 // evaluation API: the only way to take the standard handler off one client
        navigation.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        // A gateway that is down must not hold a signature for the standard handler's ~15 s of retries.
        var gateway = services.AddHttpClient<GatewayClient>(ToGateway);
        var research = services.AddHttpClient<ResearchClient>(ToGateway);
        var archives = services.AddHttpClient<ArchivesClient>(ToGateway);
        // A comparison queries every archive down to the instances: minutes, not the standard 10 s; a sync POST is not retried.
        var archiveSync = services.AddHttpClient<ArchiveSyncClient>((sp, http) =>
        {
            ToGateway(sp, http);
            http.Timeout = TimeSpan.FromMinutes(5);
        });
#pragma warning disable EXTEXP0001 // see below
        archiveSync.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        // TÉO Hub is retried by the ReportApi (up to retry_count x timeout_secs): no retries and a long timeout here.
        var approved = services.AddHttpClient<ApprovedReportRelay>((sp, http) =>
        {
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<WebOptions>>().Value.ReportApiUrl);
            http.Timeout = TimeSpan.FromMinutes(5);
        });
#pragma warning disable EXTEXP0001 // see above
        approved.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        // Uploads: a streamed body cannot be sent twice, and a 2 GB ZIP takes minutes: no retries, no total timeout.
        var uploads = services.AddHttpClient<GatewayUploadClient>((sp, http) =>
        {
            ToGateway(sp, http);
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
#pragma warning disable EXTEXP0001 // see above
        uploads.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UploadPreviews>();
        services.AddScoped<UploadForwarder>();
        var status = services.AddHttpClient(ServiceStatusProbe.ClientName);
        foreach (var quick in new[] { gateway, research, archives, status })
        {
#pragma warning disable EXTEXP0001 // see above
            quick.RemoveAllResilienceHandlers().AddStandardResilienceHandler(resilience =>
            {
                resilience.Retry.MaxRetryAttempts = 1;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
            });
#pragma warning restore EXTEXP0001
        }
        services.AddScoped<ServiceStatusProbe>();
    }

    /// <summary>The gateway's address and the Web's admin key (<c>Web:GatewayUrl</c>, <c>Web:GatewayAdminKey</c>).</summary>
    private static void ToGateway(IServiceProvider services, HttpClient http)
    {
        var web = services.GetRequiredService<IOptions<WebOptions>>().Value;
        http.BaseAddress = new Uri(web.GatewayUrl);
        if (!string.IsNullOrEmpty(web.GatewayAdminKey))
        {
            http.DefaultRequestHeaders.Add(GatewayClient.AdminKeyHeader, web.GatewayAdminKey);
        }
    }

    /// <summary>
    /// Research projects: the researchers' policy, the membership check, and the forwarder's handler to the gateway
    /// (streamed, so neither retries nor a total timeout; no cookies, redirects nor decompression, as YARP expects).
    /// </summary>
    private static void AddResearch(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthorizationBuilder().AddPolicy(ResearchApi.ResearchersPolicy, policy => policy.RequireRole(WebRoles.Researcher));
        services.AddHttpForwarder();
        services.AddScoped<ResearchAccess>();
        services.AddScoped<ResearchMembers>();
        services.AddSingleton<ResearchForwarder>();
        var forwarder = services.AddHttpClient(ResearchForwarder.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(15),
            });
#pragma warning disable EXTEXP0001 // see AddServiceClients
        forwarder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        // A reverse proxy that terminates TLS says so in X-Forwarded-Proto/-For: believed from loopback and Web:TrustedProxies only.
        app.UseForwardedHeaders(TrustedProxyHeaders.For(app.Services.GetRequiredService<IOptions<WebOptions>>().Value));
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseRequestLocalization(localization =>
        {
            localization.SetDefaultCulture("fr");
            localization.AddSupportedCultures("fr", "en");
            localization.AddSupportedUICultures("fr", "en");
        });
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapStaticAssets();
        // The whole Content-Security-Policy, frame-ancestors included, comes from UseSecurityHeaders.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAccountApi();
        app.MapReportFilesApi();
        app.MapUploadsApi();
        app.MapStructureSetFilesApi();
        app.MapViewer();
        app.MapDicomWebProxy();
        app.MapMeasurementStow();
        app.MapResearchApi();
        return app;
    }
}
