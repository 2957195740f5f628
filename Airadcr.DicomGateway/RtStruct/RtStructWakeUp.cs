using Airadcr.DicomGateway.Hosting;

namespace Airadcr.DicomGateway.RtStruct;

/// <summary>Wakes the <see cref="RtStructWorker"/> when an index commit recorded or flagged a structure set, or one was queued on demand.</summary>
public sealed class RtStructWakeUp : WorkSignal;
