using Airadcr.Web.Audit;
using Airadcr.Web.Data;
using Airadcr.Web.Gateway;
using Airadcr.Web.ReportApi;

namespace Airadcr.Web.Reports;

/// <summary>
/// "Reject AI results" (issue 24, item 1): the gateway withholds the study's AI SR and PDF for good (the authority: its
/// 409, e.g. results already sent under <c>immediate</c> or the study signed by another reviewer, stops here with its
/// reason), the ReportApi records the <c>rejected</c> review with the reason (its <c>review</c> extension field), webdb
/// marks the review rejected (shown in the worklist), and the audit says so without the reason (it may name the patient).
/// </summary>
public sealed class ReportRejection(GatewayClient gateway, ApprovedReportRelay reportApi, ReviewStore reviews, AuditLog audit, TimeProvider time)
{
    public const int MaxReasonLength = 2000;

    /// <summary>What the rejection did: the review, and a warning when the ReportApi did not record it.</summary>
    public sealed record Outcome(ReportReview Review, string? ReportApiWarning);

    /// <exception cref="ArgumentException">No reason, or one too long.</exception>
    /// <exception cref="InvalidOperationException">Refused: the gateway's reason, or the report is already signed or rejected.</exception>
    /// <exception cref="HttpRequestException">The gateway is unreachable: nothing is recorded (the AI results could not be withheld).</exception>
    public async Task<Outcome> RejectAsync(ReportData report, string user, string reason, CancellationToken cancellationToken)
    {
        reason = reason.Trim();
        if (reason.Length is 0 or > MaxReasonLength)
        {
            throw new ArgumentException($"A rejection needs a reason (at most {MaxReasonLength} characters).", nameof(reason));
        }
        if (report.StudyInstanceUid is { Length: > 0 } study)
        {
            var withheld = await gateway.RejectAiResultsAsync(study, reason, user, cancellationToken);
            if (withheld.Status == System.Net.HttpStatusCode.Conflict)
            {
                await audit.RecordReportAsync(user, AuditActions.RejectAiResults, report.TechnicalId, "refused by the gateway (409): " + withheld.Reason,
                    cancellationToken);
                throw new InvalidOperationException("Not rejected: " + withheld.Reason);
            }
        }
        var review = await reviews.MarkRejectedAsync(report.TechnicalId, user, reason, cancellationToken)
            ?? throw new InvalidOperationException("Not rejected: the report is already signed or rejected.");
        var warning = await reportApi.PostRejectionAsync(report.TechnicalId, user, time.GetUtcNow(), reason, cancellationToken);
        await audit.RecordReportAsync(user, AuditActions.RejectAiResults, report.TechnicalId,
            $"AI results withheld; reason of {reason.Length} characters" + (warning is null ? "" : "; ReportApi: " + warning), cancellationToken);
        return new Outcome(review, warning);
    }
}
