using System.Buffers.Binary;
using System.Diagnostics;
using Cross.Devices.Virtio;
using Xunit.Abstractions;
using static Cross.Devices.Virtio.VirtioConstants;
using static Cross.Devices.Virtio.VirtioMmioTransport;

namespace Cross.Devices.Tests.Virtio;

/// <summary>
/// Random descriptor tables and rings thrown at virtio-blk, virtio-rng and virtio-console: loops,
/// huge lengths, addresses outside RAM or on MMIO, bad indices, indirect tables good and bad,
/// bogus ring addresses and available indices. Asserts no host exception escapes, the whole run
/// finishes inside a time limit, every request the independent <see cref="ChainOracle"/> calls
/// malformed comes back with zero length, every well-formed one gets the outcome it should, and
/// nothing outside RAM (nor any device-readable memory) is ever written.
/// Replay with CROSS_VIRTIO_FUZZ_SEED and CROSS_VIRTIO_FUZZ_ITERATIONS.
/// </summary>
public class VirtqueueFuzzTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20240601, DefaultIterations = 3000;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(40);

    // RAM layout: rings, then indirect tables, then device-readable data, then device-writable data.
    private const ulong Rings = VirtioBench.RamBase, Tables = Rings + 0x1_0000, Readable = Rings + 0x2_0000,
        Writable = Rings + 0x3_0000, WritableEnd = VirtioBench.RamEnd;
    private const ulong DescTable = Rings, AvailRing = Rings + 0x4000, UsedRing = Rings + 0x8000;
    private const int DiskSectors = 64;

    [Fact]
    public async Task RandomQueuesNeverEscapeHangOrSucceedWhenBad()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CROSS_VIRTIO_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("CROSS_VIRTIO_FUZZ_ITERATIONS"), out var n) ? n : DefaultIterations;
        output.WriteLine($"virtqueue fuzz seed {seed}, {iterations} iterations; replay with CROSS_VIRTIO_FUZZ_SEED={seed}");

        var run = Task.Run(() => new Fuzzer(seed).Run(iterations));
        var finished = await Task.WhenAny(run, Task.Delay(TimeLimit));
        Assert.True(finished == run, $"fuzzing did not finish within {TimeLimit} (seed {seed}): a device hangs");
        var stats = await run;
        output.WriteLine(stats.ToString());
        // The generator must actually reach both sides of every rule to mean anything.
        Assert.True(stats.Malformed > iterations / 4, stats.ToString());
        Assert.True(stats.Succeeded > iterations / 10, stats.ToString());
        Assert.True(stats.BrokenQueues > 0 && stats.BadRequests > 0, stats.ToString());
    }

    private sealed record Stats(int Requests, int Malformed, int Succeeded, int BadRequests, int BrokenQueues, int Batches)
    {
        public override string ToString() =>
            $"{Requests} requests: {Malformed} malformed, {Succeeded} succeeded, {BadRequests} well-formed but failed; {BrokenQueues} broken queues, {Batches} batches";
    }

    private sealed class Fuzzer
    {
        private readonly Random _random;
        private readonly MemoryBlockBackend _disk = new(new byte[DiskSectors * 512]);
        private readonly MemoryBlockBackend _roDisk = new(new byte[DiskSectors * 512], readOnly: true);
        private readonly VirtioBench[] _benches;
        private readonly List<byte> _consoleOutput = new();
        private readonly byte[] _snapshot = new byte[0x4000 + (Writable - Tables)];
        private int _requests, _malformed, _succeeded, _bad, _broken, _batches;

        public Fuzzer(int seed)
        {
            _random = new Random(seed);
            _random.NextBytes(_disk.Bytes);
            var console = new VirtioConsole(queueSize: 256);
            console.Transmitted += _consoleOutput.Add;
            _benches =
            [
                new VirtioBench(new VirtioBlock(_disk, serial: "fuzz")),
                new VirtioBench(new VirtioBlock(_roDisk)),
                new VirtioBench(new VirtioRng(seed)),
                new VirtioBench(console),
            ];
        }

        public Stats Run(int iterations)
        {
            for (var i = 0; i < iterations; i++)
            {
                try
                {
                    Iteration(_benches[_random.Next(_benches.Length)]);
                }
                catch (Exception error) when (error is not Xunit.Sdk.XunitException)
                {
                    throw new Exception($"iteration {i}: host exception escaped the device", error);
                }
                catch (Xunit.Sdk.XunitException error)
                {
                    throw new Exception($"iteration {i}: {error.Message}", error);
                }
            }
            return new Stats(_requests, _malformed, _succeeded, _bad, _broken, _batches);
        }

        private void Iteration(VirtioBench bench)
        {
            bench.Ram.Bytes.AsSpan().Clear();
            var indirect = _random.Next(4) != 0;
            var features = Bit(FeatureVersion1) | (indirect ? Bit(FeatureIndirectDesc) : 0) | (_random.Next(2) == 0 ? Bit(FeatureEventIdx) : 0);
            Assert.True(bench.Negotiate(features));
            var queueIndex = bench.Device is VirtioConsole ? VirtioConsole.TransmitQueue : 0;
            var size = (ushort)(1 << _random.Next(0, 9)); // 1..256
            var ringsValid = _random.Next(12) != 0;
            var avail = ringsValid ? AvailRing : Pick([VirtioBench.RamEnd, 0x1000UL, VirtioBench.TransportBase, AvailRing]);
            var used = ringsValid || avail == AvailRing ? (ringsValid ? UsedRing : Pick([VirtioBench.RamEnd + 0x100, 0x2000UL])) : UsedRing;
            var queue = bench.SetupQueue(queueIndex, size, DescTable, avail, used);
            bench.DriverOk();

            FillTable(DescTable, size, bench, depth: 0);
            _random.NextBytes(bench.RamSpan(Readable, (int)(Writable - Readable)));

            if (!ringsValid)
            {
                // With the available ring in RAM, a request forces the device onto the bad used ring.
                if (avail == AvailRing) queue.Publish((ushort)_random.Next(size));
                Kick(bench, queue);
                Assert.Equal(StatusNeedsReset, bench.Reg(StatusRegister) & StatusNeedsReset);
                _broken++;
            }
            else if (_random.Next(8) == 0)
            {
                Batch(bench, queue, size, indirect);
            }
            else
            {
                var count = _random.Next(1, Math.Min(size, (ushort)12) + 1);
                for (var r = 0; r < count; r++) OneRequest(bench, queue, size, indirect);
            }
        }

        /// <summary>Kicks the queue, then checks the device stayed inside RAM and off device-readable memory.</summary>
        private void Kick(VirtioBench bench, DriverQueue queue)
        {
            // Everything the device may only read: the descriptor table, indirect tables and readable data.
            var table = bench.RamSpan(DescTable, 0x4000);
            var readOnly = bench.RamSpan(Tables, (int)(Writable - Tables));
            table.CopyTo(_snapshot);
            readOnly.CopyTo(_snapshot.AsSpan(table.Length));
            var watch = Stopwatch.StartNew();
            queue.Kick();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "one kick took over 5 s");
            Assert.Empty(bench.Below.Accesses);
            Assert.Empty(bench.Above.Accesses);
            Assert.True(table.SequenceEqual(_snapshot.AsSpan(0, table.Length)) && readOnly.SequenceEqual(_snapshot.AsSpan(table.Length)),
                "the device wrote to its descriptor tables or device-readable memory");
        }

        private void OneRequest(VirtioBench bench, DriverQueue queue, ushort size, bool indirect)
        {
            var head = _random.Next(10) == 0 ? (ushort)_random.Next(ushort.MaxValue + 1) : (ushort)_random.Next(size);
            if (head < size && _random.Next(2) == 0) BuildPlausibleRequest(bench, queue, size, head);
            var chain = ChainOracle.Walk(bench.Bus, DescTable, size, head, indirect);
            var expectedOutput = bench.Device is VirtioConsole && chain is { Writable.Count: 0 } ? ChainOracle.Gather(bench.Bus, chain.Readable) : [];
            var expectation = chain is null ? null : Expect(bench, chain);
            _consoleOutput.Clear();

            queue.Publish(head);
            Kick(bench, queue);
            _requests++;

            var usedElements = queue.TakeUsed();
            Assert.Equal(0u, bench.Reg(StatusRegister) & StatusNeedsReset);
            Assert.Single(usedElements);
            Assert.Equal(head, usedElements[0].Id);
            var length = usedElements[0].Length;
            if (chain is null)
            {
                _malformed++;
                Assert.Equal(0u, length);
                Assert.Empty(_consoleOutput);
                return;
            }
            Assert.True(expectedOutput.AsSpan().SequenceEqual(_consoleOutput.ToArray()), "console output differs from the request's bytes");
            expectation!(chain, length);
        }

        /// <summary>How a well-formed chain must come back, per device; counts success and failure.</summary>
        private Action<ChainOracle.Chain, uint> Expect(VirtioBench bench, ChainOracle.Chain chain)
        {
            var readableBytes = ChainOracle.Gather(bench.Bus, chain.Readable);
            var writableLength = chain.Writable.Sum(b => (long)b.Length);
            switch (bench.Device)
            {
                case VirtioRng:
                    return (_, length) =>
                    {
                        var ok = chain.Readable.Count == 0;
                        Assert.Equal(ok ? (uint)Math.Min(writableLength, VirtioRng.MaxBytesPerRequest) : 0u, length);
                        Count(ok && length > 0);
                    };
                case VirtioConsole:
                    return (_, length) =>
                    {
                        Assert.Equal(0u, length);
                        Count(chain.Writable.Count == 0 && readableBytes.Length > 0);
                    };
                case VirtioBlock block:
                    return ExpectBlock(bench, block, chain, readableBytes, writableLength);
                default:
                    throw new InvalidOperationException();
            }
        }

        private Action<ChainOracle.Chain, uint> ExpectBlock(VirtioBench bench, VirtioBlock block, ChainOracle.Chain chain, byte[] readable, long writableLength)
        {
            var disk = block.ReadOnly ? _roDisk : _disk;
            var diskBefore = disk.Bytes.ToArray();
            if (writableLength == 0)
                return (_, length) => { Assert.Equal(0u, length); Count(false); };
            var dataLength = writableLength - 1;
            byte status;
            uint expectedLength = 1;
            byte[]? expectedDisk = null;
            byte[]? expectedData = null;
            if (readable.Length < 16)
            {
                status = VirtioBlock.StatusIoError;
            }
            else
            {
                var type = BinaryPrimitives.ReadUInt32LittleEndian(readable);
                var sector = BinaryPrimitives.ReadUInt64LittleEndian(readable.AsSpan(8));
                bool InRange(long bytes) => bytes % 512 == 0 && sector <= DiskSectors && (ulong)(bytes / 512) <= DiskSectors - sector;
                switch (type)
                {
                    case VirtioBlock.TypeIn when InRange(dataLength):
                        status = VirtioBlock.StatusOk;
                        expectedLength = (uint)writableLength;
                        expectedData = diskBefore.AsSpan((int)sector * 512, (int)dataLength).ToArray();
                        break;
                    case VirtioBlock.TypeOut when !block.ReadOnly && InRange(readable.Length - 16):
                        status = VirtioBlock.StatusOk;
                        expectedDisk = diskBefore.ToArray();
                        readable.AsSpan(16).CopyTo(expectedDisk.AsSpan((int)sector * 512));
                        break;
                    case VirtioBlock.TypeIn or VirtioBlock.TypeOut:
                        status = VirtioBlock.StatusIoError;
                        break;
                    case VirtioBlock.TypeFlush:
                        status = VirtioBlock.StatusOk;
                        break;
                    case VirtioBlock.TypeGetId:
                        status = VirtioBlock.StatusOk;
                        expectedLength = (uint)Math.Min(dataLength, 20) + 1;
                        break;
                    default:
                        status = VirtioBlock.StatusUnsupported;
                        break;
                }
            }
            return (_, length) =>
            {
                Assert.Equal(expectedLength, length);
                var last = chain.Writable.Last(b => b.Length > 0);
                Assert.Equal(status, (byte)bench.Bus.Read(last.Address + last.Length - 1, 1));
                Assert.True((expectedDisk ?? diskBefore).AsSpan().SequenceEqual(disk.Bytes), "the disk does not hold what the requests wrote");
                // Data lands in order unless the driver overlapped its own buffers.
                if (expectedData is not null && !Overlapping(chain.Writable))
                    Assert.True(expectedData.AsSpan().SequenceEqual(ChainOracle.Gather(bench.Bus, chain.Writable).AsSpan(0, expectedData.Length)), "read data differs from the disk");
                Count(status == VirtioBlock.StatusOk);
            };
        }

        private static bool Overlapping(List<(ulong Address, uint Length)> buffers)
        {
            var sorted = buffers.Where(b => b.Length > 0).OrderBy(b => b.Address).ToList();
            for (var i = 1; i < sorted.Count; i++)
                if (sorted[i - 1].Address + sorted[i - 1].Length > sorted[i].Address) return true;
            return false;
        }

        private void Count(bool ok)
        {
            if (ok) _succeeded++;
            else _bad++;
        }

        /// <summary>Many heads at once, sometimes with an available index far ahead of the queue.</summary>
        private void Batch(VirtioBench bench, DriverQueue queue, ushort size, bool indirect)
        {
            _batches++;
            var count = _random.Next(1, size + 1);
            var heads = new List<ushort>();
            for (var i = 0; i < count; i++)
            {
                var head = (ushort)_random.Next(size + 2);
                heads.Add(head);
                queue.Stage(head, queue.AvailIndex + i);
            }
            var malformed = heads.Select(h => ChainOracle.Walk(bench.Bus, DescTable, size, h, indirect) is null).ToList();
            var runAway = _random.Next(3) == 0;
            queue.SetAvailIndex((ushort)(queue.AvailIndex + (runAway ? size + 1 + _random.Next(60000) : count)));
            Kick(bench, queue);
            var used = queue.TakeUsed();
            if (runAway)
            {
                _broken++;
                Assert.Empty(used);
                Assert.Equal(StatusNeedsReset, bench.Reg(StatusRegister) & StatusNeedsReset);
                return;
            }
            Assert.Equal(count, used.Count);
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(heads[i], used[i].Id);
                if (malformed[i]) Assert.Equal(0u, used[i].Length);
            }
        }

        /// <summary>Fills a descriptor table with garbage: every field drawn from edge values.</summary>
        private void FillTable(ulong table, uint entries, VirtioBench bench, int depth)
        {
            for (var i = 0; i < entries; i++)
            {
                var flags = (ushort)(_random.Next(4) == 0 ? _random.Next(8) : _random.Next(2) * DescNext | _random.Next(2) * DescWrite);
                var isIndirect = (flags & DescIndirect) != 0;
                var length = isIndirect ? IndirectLength() : BufferLength();
                var address = isIndirect ? IndirectTable(bench, length, depth) : BufferAddress((flags & DescWrite) != 0, length);
                var next = (ushort)(_random.Next(6) == 0 ? _random.Next(ushort.MaxValue + 1) : _random.Next((int)entries));
                WriteDescriptor(bench, table, i, address, length, flags, next);
            }
        }

        private ulong IndirectTable(VirtioBench bench, uint length, int depth)
        {
            if (_random.Next(8) == 0) return BadAddress();
            var entries = Math.Min(length / 16, 64u);
            var table = Tables + 0x400 * (ulong)_random.Next(0x40);
            if (table + 16 * (ulong)entries > Readable) return table;
            if (depth == 0) FillTable(table, entries, bench, depth + 1);
            return table;
        }

        private uint IndirectLength() => _random.Next(6) switch
        {
            0 => 0,
            1 => (uint)_random.Next(1, 100),
            2 => 16 * 2048,
            _ => 16 * (uint)_random.Next(1, 8),
        };

        private uint BufferLength() => _random.Next(8) switch
        {
            0 => 0,
            1 => uint.MaxValue,
            2 => (uint)_random.Next(1, 16),
            3 => 16,
            4 => 512 * (uint)_random.Next(1, 4),
            _ => (uint)_random.Next(1, 1200),
        };

        private ulong BufferAddress(bool writable, uint length)
        {
            if (_random.Next(10) == 0) return BadAddress();
            var (start, end) = writable ? (Writable, WritableEnd) : (Readable, Writable);
            var span = end - start;
            var offset = (ulong)_random.NextInt64((long)span);
            // Mostly keep buffers inside their zone; sometimes let them run to the end of RAM.
            if (length < span && _random.Next(6) != 0) offset = Math.Min(offset, span - length);
            return start + offset;
        }

        private ulong BadAddress() => _random.Next(7) switch
        {
            0 => 0,
            1 => VirtioBench.RamBase - 8,
            2 => VirtioBench.RamEnd - 4,
            3 => VirtioBench.RamEnd,
            4 => VirtioBench.TransportBase,
            5 => ulong.MaxValue - 7,
            _ => (ulong)_random.NextInt64(),
        };

        private T Pick<T>(T[] choices) => choices[_random.Next(choices.Length)];

        /// <summary>Overwrites the chain at <paramref name="head"/> with a request of the device's expected shape.</summary>
        private void BuildPlausibleRequest(VirtioBench bench, DriverQueue queue, ushort size, ushort head)
        {
            var slots = Enumerable.Range(0, size).Select(i => (ushort)i).OrderBy(_ => _random.Next()).Where(i => i != head).Prepend(head).ToList();
            var parts = new List<(ulong Address, uint Length, bool Writable)>();
            switch (bench.Device)
            {
                case VirtioBlock:
                    var headerAt = Readable + 16 * (ulong)_random.Next(0x1000);
                    var header = bench.RamSpan(headerAt, 16);
                    BinaryPrimitives.WriteUInt32LittleEndian(header, Pick([0u, 0u, 1u, 1u, 4u, 8u, 11u, 99u]));
                    BinaryPrimitives.WriteUInt64LittleEndian(header[8..], _random.Next(6) == 0 ? ulong.MaxValue - (ulong)_random.Next(4) : (ulong)_random.Next(DiskSectors + 2));
                    parts.Add((headerAt, 16, false));
                    var type = BinaryPrimitives.ReadUInt32LittleEndian(header);
                    var sectors = (uint)_random.Next(0, 4);
                    if (sectors > 0) parts.Add((BufferAddress(type == 0, 512 * sectors), 512 * sectors, type == 0));
                    parts.Add((BufferAddress(true, 1), 1, true));
                    break;
                case VirtioRng:
                    parts.Add((BufferAddress(true, 64), (uint)_random.Next(1, 300), true));
                    break;
                default:
                    parts.Add((BufferAddress(false, 64), (uint)_random.Next(1, 64), false));
                    break;
            }
            if (parts.Count > slots.Count) return;
            for (var i = 0; i < parts.Count; i++)
            {
                var last = i == parts.Count - 1;
                var flags = (ushort)((parts[i].Writable ? DescWrite : 0) | (last ? 0 : DescNext));
                WriteDescriptor(bench, DescTable, slots[i], parts[i].Address, parts[i].Length, flags, last ? (ushort)0 : slots[i + 1]);
            }
        }

        private static void WriteDescriptor(VirtioBench bench, ulong table, int slot, ulong address, uint length, ushort flags, ushort next)
        {
            var entry = table + 16 * (ulong)slot;
            bench.Bus.Write(entry, 8, address);
            bench.Bus.Write(entry + 8, 4, length);
            bench.Bus.Write(entry + 12, 2, flags);
            bench.Bus.Write(entry + 14, 2, next);
        }
    }
}
