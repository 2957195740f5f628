using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.Navigation;
using Airadcr.ReportApi.Reports;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi.Apis;

/// <summary>What the report endpoints depend on, injected as one [AsParameters] record.</summary>
public sealed record ReportApiServices(
    PendingReportService Reports,
    IOptionsMonitor<DesktopOptions> Options,
    NavigationBroadcaster Navigation,
    AppReadiness Readiness,
    TimeProvider TimeProvider);
