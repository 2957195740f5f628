using Airadcr.Web.Data;
using Airadcr.Web.Reports;
using Airadcr.Web.ReportApi;

namespace Airadcr.Web.Worklist;

/// <summary>
/// The worklist: the ReportApi's listing merged with the Web's review states (a draft or signed review overrides the
/// ReportApi's pending/retrieved). For a researcher the identifiers are removed here, on the server.
/// </summary>
public sealed class WorklistService(ReportApiClient reportApi, ReviewStore reviews)
{
    public async Task<WorklistPage> QueryAsync(WorklistFilter filter, int offset, int limit, bool deidentified, CancellationToken cancellationToken)
    {
        var query = new ReportListQuery
        {
            Modality = filter.Modality,
            From = filter.From is { } from ? new DateTimeOffset(DateTime.SpecifyKind(from.Date, DateTimeKind.Utc)) : null,
            To = filter.To is { } to ? new DateTimeOffset(DateTime.SpecifyKind(to.Date.AddDays(1), DateTimeKind.Utc)) : null,
            Text = filter.Text,
            // A researcher cannot search by patient or accession number (nor probe whether one exists).
            TextOnTechnicalIdOnly = deidentified,
            Sort = deidentified && filter.Sort is "patient_id" or "accession_number" ? "created_at" : filter.Sort,
            Descending = filter.Descending,
            Offset = offset,
            Limit = limit,
        };
        query = filter.Status switch
        {
            WorklistStatuses.Pending or WorklistStatuses.Retrieved => query with
            {
                Status = filter.Status,
                ExcludeTechnicalIds = await reviews.TechnicalIdsAsync(null, cancellationToken),
            },
            WorklistStatuses.Draft => query with { TechnicalIds = await reviews.TechnicalIdsAsync(ReviewStatus.Draft, cancellationToken) },
            WorklistStatuses.Signed => query with { TechnicalIds = await reviews.TechnicalIdsAsync(ReviewStatus.Signed, cancellationToken) },
            WorklistStatuses.Rejected => query with { TechnicalIds = await reviews.TechnicalIdsAsync(ReviewStatus.Rejected, cancellationToken) },
            _ => query,
        };
        var page = await reportApi.QueryAsync(query, cancellationToken);
        var states = await reviews.StatusesAsync(page.Items.Select(i => i.TechnicalId), cancellationToken);
        var rows = page.Items.Select(item => new WorklistRow(
            item.TechnicalId,
            deidentified ? null : item.PatientId,
            deidentified ? null : item.AccessionNumber,
            item.Modality,
            item.Title,
            states.TryGetValue(item.TechnicalId, out var state) ? state.ToString().ToLowerInvariant() : item.Status,
            item.CreatedAt)).ToList();
        return new WorklistPage(page.Total, page.Version, rows);
    }
}
