using Airadcr.Dicom.IO;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Server;

namespace Airadcr.Dicom.Network.Storage;

/// <summary>Streams a received data set into a temporary Part 10 file (preamble, meta built from the request, then
/// the data set bytes exactly as received), never holding the instance in memory. On completion the file is fsynced,
/// parsed up to the pixel data to check SOP class and instance against the request (0xA900 otherwise), and handed to
/// <c>commit</c>, which moves it to its final place (see <see cref="MoveIntoPlace"/>) and returns the status.
/// Created with <c>syncToDisk: false</c>, the file is only closed (not fsynced) before <c>commit</c>: the commit then
/// owns durability (a group commit that syncs many files at once). Whatever is still at the temporary path when the
/// target is disposed is deleted. A data set received in Deflated Explicit VR Little Endian is inflated, as a stream, into
/// a second temporary file in Explicit VR Little Endian (the syntax it is then stored and indexed in); <see cref="DataSetLimits"/>
/// bound what is stored (0xA700 past them).</summary>
public sealed class Part10FileTarget : IStoreTarget
{
    private readonly StoreRequest _request;
    private readonly Func<ReceivedInstance, CancellationToken, ValueTask<StoreOutcome>> _commit;
    private readonly FileStream _received;
    private readonly bool _syncToDisk;
    private readonly DataSetLimits _limits;
    private readonly long _dataSetStart;
    private FileStream _file;
    private string _path;

    private Part10FileTarget(string path, FileStream file, StoreRequest request,
        Func<ReceivedInstance, CancellationToken, ValueTask<StoreOutcome>> commit, bool syncToDisk, DataSetLimits limits)
    {
        _path = path;
        _syncToDisk = syncToDisk;
        _file = _received = file;
        _dataSetStart = file.Position;
        _request = request;
        _commit = commit;
        _limits = limits;
    }

    /// <summary>Where the data set's bytes go as they arrive (for a deflated data set: as received, still deflated).</summary>
    public Stream DataSet => _received;

    public static Part10FileTarget Create(string temporaryDirectory, StoreRequest request,
        Func<ReceivedInstance, CancellationToken, ValueTask<StoreOutcome>> commit, bool syncToDisk = true, DataSetLimits? limits = null)
    {
        var (path, file) = CreateFile(temporaryDirectory, request);
        return new Part10FileTarget(path, file, request, commit, syncToDisk, limits ?? DataSetLimits.None);
    }

    private static (string Path, FileStream File) CreateFile(string temporaryDirectory, StoreRequest request)
    {
        Directory.CreateDirectory(temporaryDirectory);
        var path = Path.Combine(temporaryDirectory, $"{Guid.NewGuid():N}.part");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
        try
        {
            WriteHeader(file, request);
            return (path, file);
        }
        catch
        {
            file.Dispose();
            File.Delete(path);
            throw;
        }
    }

    private static void WriteHeader(Stream file, StoreRequest request)
    {
        var identity = new DicomDataset()
            .Add(DicomTag.SOPClassUID, request.SopClassUid)
            .Add(DicomTag.SOPInstanceUID, request.SopInstanceUid);
        var meta = DicomFileWriter.BuildMeta(new DicomDataset(), identity, request.TransferSyntax);
        meta.Add(DicomTag.SourceApplicationEntityTitle, request.CallingAe);
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        DicomDatasetWriter.Write(file, meta, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    public async ValueTask<StoreOutcome> CompleteAsync(CancellationToken cancellationToken)
    {
        var request = _request;
        if (request.TransferSyntax.IsDeflated)
        {
            request = request with { TransferSyntax = DicomTransferSyntax.ExplicitVRLittleEndian };
            await InflateAsync(request, cancellationToken).ConfigureAwait(false);
        }
        else if (_file.Length - _dataSetStart > _limits.MaxLength)
        {
            throw new DataSetTooLargeException(_limits.MaxLength);
        }

        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_syncToDisk)
        {
            _file.Flush(flushToDisk: true);
        }

        await _file.DisposeAsync().ConfigureAwait(false);
        DicomDataset header;
        using (var file = DicomFile.Open(_path, new DicomReadOptions { StopBeforePixelData = true }))
        {
            header = file.Dataset;
            if (header.GetStringOrDefault(DicomTag.SOPClassUID) != request.SopClassUid
                || header.GetStringOrDefault(DicomTag.SOPInstanceUID) != request.SopInstanceUid)
            {
                return new StoreOutcome(DicomStatus.DataSetDoesNotMatchSopClass, "SOP class or instance differs from the request");
            }

            header = header.DetachedElements();
        }

        return await _commit(new ReceivedInstance(request, _path, header), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inflates the received (deflated) data set into a new temporary file in Explicit VR Little Endian, as a
    /// stream within the limits, and deletes the received one: the instance is stored, and read later, inflated.</summary>
    private async Task InflateAsync(StoreRequest inflated, CancellationToken cancellationToken)
    {
        var receivedPath = _path;
        await _received.FlushAsync(cancellationToken).ConfigureAwait(false);
        _received.Position = _dataSetStart;
        try
        {
            (_path, _file) = CreateFile(Path.GetDirectoryName(receivedPath)!, inflated);
            await DataSetInflater.InflateAsync(_received, _file, _limits, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _received.DisposeAsync().ConfigureAwait(false);
            File.Delete(receivedPath);
        }
    }

    /// <summary>Renames the temporary file to <paramref name="finalPath"/> atomically; false (and the temporary file
    /// left for disposal) when a file is already there: the first copy of an instance wins.</summary>
    public static bool MoveIntoPlace(ReceivedInstance instance, string finalPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        try
        {
            File.Move(instance.TemporaryPath, finalPath, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(finalPath))
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The buffered tail could not be written (the disk is full): the file is discarded anyway.
        }
        finally
        {
            if (File.Exists(_path))
            {
                File.Delete(_path);
            }
        }
    }
}
