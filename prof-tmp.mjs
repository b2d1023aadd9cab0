const R = '/work/draw/.tmp/bench-resize/src/';
const { RGBAImage } = await import(R + 'image/rgba-image.js');
const { rect } = await import(R + 'geom/rectangle.js');
const { resize } = await import(R + 'resize/resize.js');
const W=6028,H=3391; const big = new RGBAImage(rect(0,0,W,H)); const p32=new Int32Array(big.pix.buffer); for(let i=0;i<p32.length;i++)p32[i]=Math.imul(i,2654435761)|0xff000000;
const r=[];
for (let k=0;k<12;k++){ if (process.env.GC) gc(); const c0=process.cpuUsage(), t0=performance.now(); resize(big,{width:603,height:339,kernel:'bilinear',preshrink:true}); const u=process.cpuUsage(c0); r.push(((u.user+u.system)/1000).toFixed(1)+'/'+(performance.now()-t0).toFixed(1)); }
console.log(r.join(' '));
