namespace Airadcr.Dicom.Network.Pdus;

/// <summary>Decodes a PDU body (the bytes after the 6-byte header). Malformed input throws
/// <see cref="PduFormatException"/>; unknown items and user-information sub-items are skipped.</summary>
public static class PduDecoder
{
    public static Pdu Decode(PduType type, ReadOnlyMemory<byte> body) => type switch
    {
        PduType.AssociateRequest => DecodeAssociateRequest(body.Span),
        PduType.AssociateAccept => DecodeAssociateAccept(body.Span),
        PduType.AssociateReject => DecodeReject(body.Span),
        PduType.DataTransfer => DecodeDataTransfer(body),
        PduType.ReleaseRequest => DecodeFixed(body.Span, ReleaseRequestPdu.Instance),
        PduType.ReleaseResponse => DecodeFixed(body.Span, ReleaseResponsePdu.Instance),
        PduType.Abort => DecodeAbort(body.Span),
        _ => throw new PduFormatException($"Unknown PDU type 0x{(byte)type:X2}.", AbortReason.UnrecognizedPdu),
    };

    private static Pdu DecodeFixed(ReadOnlySpan<byte> body, Pdu pdu)
    {
        RequireLength(body, 4);
        return pdu;
    }

    private static AssociateRejectPdu DecodeReject(ReadOnlySpan<byte> body)
    {
        RequireLength(body, 4);
        return new AssociateRejectPdu((RejectResult)body[1], (RejectSource)body[2], (RejectReason)body[3]);
    }

    private static AbortPdu DecodeAbort(ReadOnlySpan<byte> body)
    {
        RequireLength(body, 4);
        return new AbortPdu((AbortSource)body[2], (AbortReason)body[3]);
    }

    private static void RequireLength(ReadOnlySpan<byte> body, int length)
    {
        if (body.Length != length)
        {
            throw new PduFormatException($"PDU body is {body.Length} bytes, expected {length}.");
        }
    }

    private static DataTransferPdu DecodeDataTransfer(ReadOnlyMemory<byte> body)
    {
        var values = new List<PresentationDataValue>(1);
        var reader = new PduSpanReader(body.Span);
        while (reader.Remaining > 0)
        {
            var length = reader.ReadUInt32();
            if (length < 2 || length > reader.Remaining)
            {
                throw new PduFormatException($"PDV item length {length} is out of bounds ({reader.Remaining} left).");
            }

            var contextId = reader.ReadByte();
            var control = reader.ReadByte();
            var start = reader.Position;
            reader.Skip((int)length - 2);
            values.Add(new PresentationDataValue(contextId, (control & 1) != 0, (control & 2) != 0,
                body.Slice(start, (int)length - 2)));
        }

        if (values.Count == 0)
        {
            throw new PduFormatException("P-DATA-TF without a presentation data value item.");
        }

        return new DataTransferPdu(values);
    }

    private delegate T ContextItemDecoder<out T>(ReadOnlySpan<byte> item);

    private static AssociateRequestPdu DecodeAssociateRequest(ReadOnlySpan<byte> body)
    {
        var a = DecodeAssociate(body, ItemType.PresentationContextRequest, DecodeProposal);
        return new AssociateRequestPdu(a.Called, a.Calling, a.Contexts, a.User, a.Context, a.Version);
    }

    private static AssociateAcceptPdu DecodeAssociateAccept(ReadOnlySpan<byte> body)
    {
        var a = DecodeAssociate(body, ItemType.PresentationContextAccept, DecodeResult);
        return new AssociateAcceptPdu(a.Called, a.Calling, a.Contexts, a.User, a.Context, a.Version);
    }

    /// <summary>The body shared by A-ASSOCIATE-RQ and -AC; they differ only in their presentation context items.</summary>
    private static (ushort Version, string Called, string Calling, string Context, List<T> Contexts, UserInformation User)
        DecodeAssociate<T>(ReadOnlySpan<byte> body, ItemType contextItem, ContextItemDecoder<T> decodeContext)
    {
        var reader = new PduSpanReader(body);
        var (version, called, calling) = ReadAssociateHeader(ref reader);
        string? context = null;
        UserInformation? user = null;
        var contexts = new List<T>();
        while (reader.Remaining > 0)
        {
            var type = ReadItem(ref reader, out var item);
            if (type == ItemType.ApplicationContext)
            {
                context = new PduSpanReader(item).ReadText(item.Length);
            }
            else if (type == contextItem)
            {
                contexts.Add(decodeContext(item));
            }
            else if (type == ItemType.UserInformation)
            {
                user = DecodeUserInformation(item);
            }
        }

        return (version, called, calling, RequireContext(context), contexts, RequireUser(user));
    }

    private static UserInformation RequireUser(UserInformation? user) =>
        user ?? throw new PduFormatException("A-ASSOCIATE without a user information item.", AbortReason.UnexpectedPduParameter);

    private static string RequireContext(string? context) =>
        context ?? throw new PduFormatException("A-ASSOCIATE without an application context item.", AbortReason.UnexpectedPduParameter);

    private static (ushort Version, string Called, string Calling) ReadAssociateHeader(ref PduSpanReader reader)
    {
        var version = reader.ReadUInt16();
        reader.Skip(2);
        var called = reader.ReadAeTitle();
        var calling = reader.ReadAeTitle();
        reader.Skip(32);
        return (version, called, calling);
    }

    private static ItemType ReadItem(ref PduSpanReader reader, out ReadOnlySpan<byte> content)
    {
        var type = (ItemType)reader.ReadByte();
        reader.Skip(1);
        var length = reader.ReadUInt16();
        content = reader.Take(length);
        return type;
    }

    private static PresentationContextProposal DecodeProposal(ReadOnlySpan<byte> content)
    {
        var reader = new PduSpanReader(content);
        var id = reader.ReadByte();
        reader.Skip(3);
        string? abstractSyntax = null;
        var syntaxes = new List<string>();
        while (reader.Remaining > 0)
        {
            var type = ReadItem(ref reader, out var item);
            var text = new PduSpanReader(item).ReadText(item.Length);
            if (type == ItemType.AbstractSyntax)
            {
                abstractSyntax = text;
            }
            else if (type == ItemType.TransferSyntax)
            {
                syntaxes.Add(text);
            }
        }

        if (abstractSyntax is null || syntaxes.Count == 0)
        {
            throw new PduFormatException($"Presentation context {id} lacks an abstract syntax or a transfer syntax.",
                AbortReason.UnexpectedPduParameter);
        }

        return new PresentationContextProposal(id, abstractSyntax, syntaxes);
    }

    private static PresentationContextResult DecodeResult(ReadOnlySpan<byte> content)
    {
        var reader = new PduSpanReader(content);
        var id = reader.ReadByte();
        reader.Skip(1);
        var outcome = (PresentationContextOutcome)reader.ReadByte();
        reader.Skip(1);
        var syntax = string.Empty;
        while (reader.Remaining > 0)
        {
            var type = ReadItem(ref reader, out var item);
            if (type == ItemType.TransferSyntax)
            {
                syntax = new PduSpanReader(item).ReadText(item.Length);
            }
        }

        return new PresentationContextResult(id, outcome, syntax);
    }

    private static UserInformation DecodeUserInformation(ReadOnlySpan<byte> content)
    {
        var reader = new PduSpanReader(content);
        var info = new UserInformation();
        var roles = new List<RoleSelection>();
        while (reader.Remaining > 0)
        {
            var type = ReadItem(ref reader, out var item);
            var sub = new PduSpanReader(item);
            switch (type)
            {
                case ItemType.MaxLength:
                    info = info with { MaxPduLength = sub.ReadUInt32() };
                    break;
                case ItemType.ImplementationClassUid:
                    info = info with { ImplementationClassUid = sub.ReadText(item.Length) };
                    break;
                case ItemType.ImplementationVersionName:
                    info = info with { ImplementationVersionName = sub.ReadText(item.Length) };
                    break;
                case ItemType.AsyncOperationsWindow:
                    info = info with { AsyncOperations = new AsyncOperationsWindow(sub.ReadUInt16(), sub.ReadUInt16()) };
                    break;
                case ItemType.RoleSelection:
                    var uid = sub.ReadText(sub.ReadUInt16());
                    roles.Add(new RoleSelection(uid, sub.ReadByte() == 1, sub.ReadByte() == 1));
                    break;
            }
        }

        return info with { RoleSelections = roles };
    }
}
