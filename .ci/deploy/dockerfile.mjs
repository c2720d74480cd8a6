// Static checks of the Dockerfile, for .ci/deploy-checks, where no Docker engine builds it.
//
//   node dockerfile.mjs DOCKERFILE HELPERS_TPL
//
// First dockerfile-utils' validator (the Dockerfile language server's linter: instructions, their
// flags and arguments), then what the image relies on:
// - every stage is named (FROM ... AS NAME), once, and every COPY --from names an earlier stage;
// - an ARG declared before the first FROM and used in a stage is declared again in that stage,
//   without which it would be empty there;
// - CRS_VERSION and CRS_SHA256 hold a version and 64 hexadecimal digits, and the stage that
//   downloads the release checks the archive with sha256sum before tar unpacks it;
// - the last stage runs as a user other than root, and copies the release where the chart's
//   crs.bundled points frontdesk.waf.crs.directory (frontdesk.bundledCrsDir in HELPERS_TPL).
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';

const CRS_ARCHIVE = 'https://github.com/coreruleset/coreruleset/archive/refs/tags/v${CRS_VERSION}.tar.gz';

function stagesOf(dockerfile) {
  const stages = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      stages.push({ from: instruction, name: instruction.getBuildStage(), instructions: [] });
    } else if (stages.length > 0) {
      stages.at(-1).instructions.push(instruction);
    }
  }
  return stages;
}

function argValue(arg) {
  return arg.getProperty()?.getValue() ?? null;
}

function lineOf(instruction) {
  return instruction.getRange().start.line + 1;
}

function check(file, helpersFile) {
  const text = readFileSync(file, 'utf8');
  const problems = [];
  for (const diagnostic of validate(text)) {
    problems.push(`line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
  }

  const dockerfile = DockerfileParser.parse(text);
  const globalArgs = new Map(dockerfile.getInitialARGs()
    .map((arg) => [arg.getProperty()?.getName(), argValue(arg)]));
  const stages = stagesOf(dockerfile);
  const seen = new Set();
  for (const stage of stages) {
    const where = `line ${lineOf(stage.from)}`;
    if (!stage.name) {
      problems.push(`${where}: FROM ${stage.from.getImage()} has no stage name (AS NAME)`);
    } else if (seen.has(stage.name)) {
      problems.push(`${where}: stage ${stage.name} is defined twice`);
    }
    const declared = new Map();
    for (const instruction of stage.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword === 'ARG') {
        declared.set(instruction.getProperty()?.getName(), argValue(instruction));
        continue;
      }
      const names = new Set(instruction.getVariables().map((variable) => variable.getName()));
      for (const name of names) {
        if (globalArgs.has(name) && !declared.has(name)) {
          problems.push(`line ${lineOf(instruction)}: ${keyword} uses ${name}, which stage ${stage.name}`
            + ` does not declare (ARG ${name})`);
        }
      }
      if (keyword === 'COPY') {
        const source = instruction.getFromFlag()?.getValue();
        if (source && !seen.has(source)) {
          problems.push(`line ${lineOf(instruction)}: COPY --from=${source} names no earlier stage`);
        }
      }
    }
    stage.declared = declared;
    seen.add(stage.name);
  }

  if (!/^\d+\.\d+\.\d+$/.test(globalArgs.get('CRS_VERSION') ?? '')) {
    problems.push(`ARG CRS_VERSION before the first FROM must be a release such as 4.28.0, not ${globalArgs.get('CRS_VERSION')}`);
  }
  if (!/^[0-9a-f]{64}$/.test(globalArgs.get('CRS_SHA256') ?? '')) {
    problems.push(`ARG CRS_SHA256 before the first FROM must be 64 hexadecimal digits, not ${globalArgs.get('CRS_SHA256')}`);
  }
  const crs = stages.find((stage) => stage.instructions.some((instruction) =>
    instruction.getArgumentsContent()?.includes(CRS_ARCHIVE)));
  if (crs === undefined) {
    problems.push(`no stage downloads ${CRS_ARCHIVE}`);
  } else {
    // The stage's commands in order, from the download on: the check must come before tar.
    const commands = crs.instructions.map((instruction) => instruction.getArgumentsContent() ?? '').join('\n');
    const download = commands.indexOf(CRS_ARCHIVE);
    const verified = commands.slice(download).search(/sha256sum (--check|-c)\b/);
    const unpacked = commands.slice(download).search(/(^|[\s;&|(])tar\s+-/m);
    if (verified < 0 || !commands.slice(download).includes('${CRS_SHA256}')) {
      problems.push(`stage ${crs.name} does not check the archive against \${CRS_SHA256} with sha256sum --check`);
    } else if (unpacked < 0 || unpacked < verified) {
      problems.push(`stage ${crs.name} does not unpack the archive after checking it`);
    }
    for (const kept of ['/rules', '/crs-setup.conf.example']) {
      if (!commands.includes(`coreruleset-\${CRS_VERSION}${kept}`)) {
        problems.push(`stage ${crs.name} does not keep ${kept.slice(1)}`);
      }
    }
  }

  const runtime = stages.at(-1);
  if (runtime !== undefined) {
    const users = runtime.instructions.filter((instruction) => instruction.getKeyword() === 'USER');
    const user = users.at(-1)?.getArgumentsContent()
      ?.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced, bare) => runtime.declared.get(braced ?? bare) ?? '');
    if (!user || /^(0|root)(:|$)/.test(user)) {
      problems.push(`the last stage, ${runtime.name}, must end with a USER other than root, not ${user}`);
    }
    const bundledDir = /define "frontdesk\.bundledCrsDir" -}}([^{]+){{/.exec(readFileSync(helpersFile, 'utf8'))?.[1];
    const copied = runtime.instructions.find((instruction) => instruction.getKeyword() === 'COPY'
      && crs !== undefined && instruction.getFromFlag()?.getValue() === crs.name);
    const destination = copied?.getArguments().at(-1)?.getValue();
    if (!bundledDir) {
      problems.push(`${helpersFile} defines no frontdesk.bundledCrsDir`);
    } else if (destination === undefined) {
      problems.push(`the last stage, ${runtime.name}, copies nothing from the stage that downloads the Core Rule Set`);
    } else if (destination !== bundledDir) {
      problems.push(`the last stage copies the Core Rule Set to ${destination}, the chart's crs.bundled reads ${bundledDir}`);
    }
  }

  return { stages, crsVersion: globalArgs.get('CRS_VERSION'), problems };
}

const [file, helpersFile] = process.argv.slice(2);
if (!file || !helpersFile) {
  console.error('usage: dockerfile.mjs DOCKERFILE HELPERS_TPL');
  process.exit(2);
}
const { stages, crsVersion, problems } = check(file, helpersFile);
if (problems.length > 0) {
  for (const problem of problems) console.error(`  ${file}: ${problem}`);
  console.error(`${file}: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`${file}: stages ${stages.map((stage) => stage.name).join(', ')}; CRS ${crsVersion}, checked before unpacking: OK`);
