namespace Airadcr.ReportApi.Navigation;

/// <summary>One open-report navigation (the desktop's airadcr:navigate_to_report event).</summary>
public sealed record NavigationEvent(string TechnicalId, string NavigatedTo, string Timestamp)
{
    public const string EventType = "navigate_to_report";
}
