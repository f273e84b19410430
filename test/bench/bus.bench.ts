/*
 * What the command path's bus and edge add per command, measured in-process so the neighbours' load
 * cannot hide it: CommandBus.execute + QueryBus.execute + the read-your-writes scope (AsyncLocalStorage
 * run, noting a position, settling it) against calling the same handlers directly. Compared with the
 * CPU a command costs over HTTP (BENCH_COMMAND_CPU_MS, from the profile in README: ~0.35–0.4 ms).
 */
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command, CommandBus, CommandHandler, CqrsModule, type ICommandHandler, type IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { WrittenPositions, collectWrittenPositions, noteWrittenPosition, settleWrittenPositions } from '@reorg/projections';

const ROUNDS = Number(process.env.BENCH_BUS_ROUNDS ?? 200_000);
const COMMAND_CPU_MS = Number(process.env.BENCH_COMMAND_CPU_MS ?? 0.35);

class Register extends Command<{ id: number; lastPosition: number }> {
  constructor(readonly n: number) {
    super();
  }
}
class Read extends Query<{ id: number }> {
  constructor(readonly n: number) {
    super();
  }
}

@Injectable()
@CommandHandler(Register)
class RegisterHandler implements ICommandHandler<Register> {
  async execute({ n }: Register) {
    noteWrittenPosition(n);
    return { id: n, lastPosition: n };
  }
}

@Injectable()
@QueryHandler(Read)
class ReadHandler implements IQueryHandler<Read> {
  async execute({ n }: Read) {
    await settleWrittenPositions();
    return { id: n };
  }
}

@Module({ imports: [CqrsModule.forRoot()], providers: [RegisterHandler, ReadHandler] })
class BenchModule {}

async function timed(label: string, once: (n: number) => Promise<unknown>): Promise<number> {
  for (let n = 0; n < 20_000; n++) await once(n);
  const start = process.hrtime.bigint();
  for (let n = 0; n < ROUNDS; n++) await once(n);
  const microsPerCall = Number(process.hrtime.bigint() - start) / 1000 / ROUNDS;
  console.log(`${label}: ${microsPerCall.toFixed(2)} µs per command`);
  return microsPerCall;
}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
  await app.init();
  const commands = app.get(CommandBus);
  const queries = app.get(QueryBus);
  const registerHandler = app.get(RegisterHandler);
  const readHandler = app.get(ReadHandler);
  const direct = await timed('direct: handler.execute(command) then handler.execute(query)', async (n) => {
    await registerHandler.execute(new Register(n));
    return readHandler.execute(new Read(n));
  });
  const bussed = await timed('through the edge: scope + CommandBus + QueryBus + settle', (n) => {
    const positions = new WrittenPositions(async () => undefined);
    return collectWrittenPositions(positions, async () => {
      await commands.execute(new Register(n + 1));
      await queries.execute(new Read(n));
      await positions.settle();
    });
  });
  const added = bussed - direct;
  console.log(`added by the bus and the edge: ${added.toFixed(2)} µs per command = ${((added / 1000 / COMMAND_CPU_MS) * 100).toFixed(2)} % of a command's ${COMMAND_CPU_MS} ms of CPU`);
  await app.close();
}

void main();
