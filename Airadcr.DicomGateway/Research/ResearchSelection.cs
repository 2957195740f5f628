using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Index;

namespace Airadcr.DicomGateway.Research;

/// <summary>
/// The studies a project's query selects among those the gateway holds: modality (any series), study date range
/// (inclusive, <c>YYYYMMDD</c>) and AI finding type (a finding of the study's latest analysis whose code or meaning
/// matches, case-insensitive: <see cref="StudyResults"/>).
/// </summary>
public sealed class ResearchSelection(GatewayDatabase database, GatewayPaths paths)
{
    public async Task<IReadOnlyList<string>> ResolveAsync(ProjectQuery query, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object?)>();
        if (query.Modality is { Length: > 0 } modality)
        {
            conditions.Add("EXISTS (SELECT 1 FROM series se WHERE se.study_uid = s.study_uid AND se.modality = @modality)");
            parameters.Add(("@modality", modality));
        }
        if (query.From is { Length: > 0 } from)
        {
            conditions.Add("s.study_date >= @from");
            parameters.Add(("@from", from));
        }
        if (query.To is { Length: > 0 } to)
        {
            conditions.Add("s.study_date <= @to");
            parameters.Add(("@to", to));
        }
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var studies = new List<string>();
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = GatewayDatabase.Command(connection, $"SELECT s.study_uid FROM studies s{where} ORDER BY s.study_uid", [.. parameters]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                studies.Add(reader.GetString(0));
            }
        }
        return query.FindingType is { Length: > 0 } type ? [.. studies.Where(study => HasFinding(study, type))] : studies;
    }

    private bool HasFinding(string study, string type) =>
        StudyResults.LatestFindings(paths.StorageRoot, study)?.Findings.Any(finding =>
            string.Equals(finding.Type.Code, type, StringComparison.OrdinalIgnoreCase)
            || string.Equals(finding.Type.Meaning, type, StringComparison.OrdinalIgnoreCase)) == true;
}
