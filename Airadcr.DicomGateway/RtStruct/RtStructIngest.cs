using System.Data.Common;
using System.Globalization;
using Airadcr.Dicom;
using Airadcr.DicomGateway.Index;

namespace Airadcr.DicomGateway.RtStruct;

/// <summary>
/// What the index does, in the same write transaction as an instance batch, for RT structure sets: an RTSTRUCT
/// instance becomes a structure set waiting to be checked, and any instance arriving in a study marks that study's
/// sets still waiting for images (or processed while some were missing, or, referencing no image, with ROI errors) to
/// be checked again. Only this study's rows
/// are touched (an index on <c>study_uid</c>): the whole index is never scanned.
/// </summary>
internal static class RtStructIngest
{
    /// <summary>Whether an instance is an RT Structure Set (SOP Class 1.2.840.10008.5.1.4.1.1.481.3).</summary>
    public static bool IsStructureSet(IndexedInstance instance) =>
        string.Equals(instance.SopClassUid, DicomUids.RTStructureSetStorage, StringComparison.Ordinal);

    /// <summary>Records the batch's structure sets and flags the sets of its studies; returns the sets to check.</summary>
    public static async Task<int> RecordAsync(DbConnection connection, IReadOnlyList<IndexedInstance> instances, CancellationToken cancellationToken)
    {
        var flagged = 0;
        foreach (var instance in instances.Where(IsStructureSet))
        {
            var received = instance.ReceivedAt.ToString("O", CultureInfo.InvariantCulture);
            flagged += await GatewayDatabase.ExecuteAsync(connection, """
                INSERT INTO rt_structure_sets (set_id, sop_instance_uid, study_uid, path, state, needs_check, created_at, updated_at)
                VALUES (@id, @sop, @study, @path, @waiting, 1, @now, @now) ON CONFLICT (sop_instance_uid) DO NOTHING
                """, cancellationToken, ("@waiting", RtStructureSetState.Waiting), ("@id", RtStructureSetId.New()), ("@sop", instance.SopInstanceUid), ("@study", instance.StudyInstanceUid),
                ("@path", instance.Path), ("@now", received));
        }
        foreach (var study in instances.Where(instance => !IsStructureSet(instance)).Select(instance => instance.StudyInstanceUid).Distinct(StringComparer.Ordinal))
        {
            // Always written, even when the flag is already up: the row lock this takes makes the worker's TakeCheck
            // wait for this commit (PostgreSQL), so a check that cleared the flag cannot look up the images before
            // this batch is visible. Skipping rows already flagged lost that wake-up (the set kept waiting with its
            // last image indexed).
            flagged += await GatewayDatabase.ExecuteAsync(connection, """
                UPDATE rt_structure_sets SET needs_check = 1
                WHERE study_uid = @study AND (state = @waiting
                    OR (state = @processed AND (missing_count > 0 OR (referenced_count = 0 AND roi_error_count > 0))))
                """, cancellationToken, ("@study", study), ("@waiting", RtStructureSetState.Waiting), ("@processed", RtStructureSetState.Processed));
        }
        return flagged;
    }
}
