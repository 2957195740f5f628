using Airadcr.Dicom.Network.Server;

namespace Airadcr.Dicom.Network.Storage;

/// <summary>An instance received completely, flushed to disk (fsync) and checked against its C-STORE request,
/// still at its temporary path. <see cref="Header"/> is its data set without pixel data.</summary>
public sealed record ReceivedInstance(StoreRequest Request, string TemporaryPath, DicomDataset Header);
