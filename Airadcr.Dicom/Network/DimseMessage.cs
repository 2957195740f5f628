using Airadcr.Dicom.Network.Dimse;

namespace Airadcr.Dicom.Network;

/// <summary>A received DIMSE message: its command and, when one followed, the stream its data set was written to
/// (null when none followed or the receiver chose to discard it). <see cref="DataSetError"/> is the exception the
/// sink threw, if any; the rest of the data set was then read and discarded so the association stays usable.</summary>
public sealed record DimseMessage(
    DimseCommand Command,
    AcceptedPresentationContext Context,
    Stream? DataSet,
    Exception? DataSetError = null);

/// <summary>Chooses where the data set of a message goes once its command is known; null discards it.</summary>
public delegate ValueTask<Stream?> DataSetSinkFactory(DimseCommand command, AcceptedPresentationContext context, CancellationToken cancellationToken);
